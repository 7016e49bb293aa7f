import Foundation
internal import Crypto

/// SHA-256 (FIPS 180-4), used for content hashes in `dataset.json`.
///
/// A thin value wrapper over swift-crypto's `SHA256` (BoringSSL on Linux),
/// which uses the CPU's SHA extensions where present: hashing every source
/// picture was 19% of `dman crop` with the earlier hand-written compressor.
///
///     let digest = SHA256.hex(try Data(contentsOf: url))
public struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    /// Hex digest of `data`.
    public static func hex(_ data: some Collection<UInt8>) -> String {
        var s = SHA256()
        s.update(data)
        return hex(digest: s.finalize())
    }

    /// Lower-case hex of digest bytes.
    static func hex(digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Adds bytes to the hash.
    public mutating func update(_ data: some Collection<UInt8>) {
        let handled: Void? = data.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if handled == nil {
            if let d = data as? Data {
                d.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            } else {
                Array(data).withUnsafeBytes { hasher.update(bufferPointer: $0) }
            }
        }
    }

    /// The 32-byte digest of everything added.
    public func finalize() -> [UInt8] { Array(hasher.finalize()) }
}
