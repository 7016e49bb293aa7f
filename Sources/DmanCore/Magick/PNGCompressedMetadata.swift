import Foundation

/// Drops a PNG's compressed metadata chunks (`zTXt`, `iTXt`, `iCCP`) before
/// the bytes reach ImageMagick.
///
/// Their zlib streams can expand a thousandfold: a 250 KB `zTXt` holding
/// 256 MiB of zeros made one crop peak at 296 MB (issue 17), and the pixel
/// area cap does not see metadata. None of them changes the pixels dman
/// reads (ImageMagick stores the text and the ICC profile without applying
/// them), so they are removed rather than decompressed. Everything else,
/// CRCs included, is copied unchanged; bytes that do not walk as PNG chunks
/// are returned as they are, for the decoder to report.
package enum PNGCompressedMetadata {
    package static let dropped: Set<String> = ["zTXt", "iTXt", "iCCP"]

    /// `data` without the compressed metadata chunks (the same bytes when it has none).
    package static func stripped(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { return data }
        var keep: [Range<Int>] = [0..<8]
        var offset = 8
        var removed = false
        while offset + 12 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let end = offset + 12 + length
            guard length <= 0x7FFF_FFFF, end <= bytes.count else { break }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if Self.dropped.contains(type) { removed = true } else { keep.append(offset..<end) }
            offset = end
            if type == "IEND" { break }
        }
        guard removed else { return data }
        if offset < bytes.count { keep.append(offset..<bytes.count) }
        var out = Data(capacity: bytes.count)
        for r in keep { out.append(contentsOf: bytes[r]) }
        return out
    }
}
