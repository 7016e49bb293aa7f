/// A fast 128-bit non-cryptographic digest, used to group identical pixel
/// content and to validate the hash cache: two 64-bit lanes, each taking
/// every other 8-byte word through xor, an odd multiply and a rotation (all
/// bijections), then a SplitMix64 finaliser over both lanes and the length.
/// Several GB/s, so it never shows next to decoding. Not for adversarial
/// input (it is not a cryptographic hash); `dataset.json` keeps SHA-256.
public enum ContentDigest {
    /// 32 lowercase hex digits.
    public static func hex(_ bytes: UnsafeRawBufferPointer, salt: UInt64 = 0) -> String {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ salt, b: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ salt
        let n = bytes.count
        var i = 0
        while i + 16 <= n {
            let w0 = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let w1 = bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            a = ((a ^ w0) &* 0xFF51_AFD7_ED55_8CCD).rotatedLeft(29)
            b = ((b ^ w1) &* 0xC4CE_B9FE_1A85_EC53).rotatedLeft(31)
            i += 16
        }
        if i + 8 <= n {
            a = ((a ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD).rotatedLeft(29)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(bytes[i]) << shift; shift += 8; i += 1 }
        a = mix(a ^ tail ^ UInt64(n))
        b = mix(b &+ tail &+ UInt64(n) &* 31)
        return hex64(mix(a ^ (b >> 7))) + hex64(mix(b ^ (a << 9)))
    }

    /// Digest of a byte array.
    public static func hex(_ bytes: [UInt8], salt: UInt64 = 0) -> String {
        bytes.withUnsafeBytes { hex($0, salt: salt) }
    }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func hex64(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

extension UInt64 {
    @inline(__always) func rotatedLeft(_ k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
