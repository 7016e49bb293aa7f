import Foundation
internal import CZlib

/// A small, deterministic PNG writer for 8-bit RGB and RGBA pixels.
///
/// It writes the signature, `IHDR`, one `IDAT` and `IEND`, nothing else (no
/// time, gamma or text chunks), so equal pixels and level give equal bytes.
/// Each row gets the PNG filter whose output has the smallest sum of absolute
/// signed bytes (libpng's adaptive heuristic); zlib compresses at `level`.
///
/// It exists for speed: for the 64–128 px pictures `dman augment` writes,
/// ImageMagick's PNG coder spends more time setting up and scanning pixels
/// than compressing. ``ImageCodec/pngData(_:)`` stays the general encoder
/// (it also picks palette and grey colour types).
///
///     let png = PNGEncoder.encode(image, level: 1)
public enum PNGEncoder {
    /// PNG bytes for `image`, or `nil` when zlib fails (out of memory).
    /// `level` is zlib's 0 (store) … 9 (smallest).
    public static func encode(_ image: PixelImage, level: Int = 6) -> Data? {
        let channels = image.channels, rowBytes = image.width * channels
        var filtered = [UInt8](repeating: 0, count: image.height * (rowBytes + 1))
        image.pixels.withUnsafeBufferPointer { src in
            filtered.withUnsafeMutableBufferPointer { dst in
                RowFilter.filterAll(src, into: dst, width: image.width, height: image.height, channels: channels)
            }
        }
        var bound = compressBound(UInt(filtered.count))
        var compressed = [UInt8](repeating: 0, count: Int(bound))
        let status = compressed.withUnsafeMutableBufferPointer { out in
            filtered.withUnsafeBufferPointer { compress2(out.baseAddress, &bound, $0.baseAddress, UInt($0.count), Int32(max(0, min(9, level)))) }
        }
        guard status == 0 else { return nil }
        var png = Data(capacity: Int(bound) + 57)
        png.append(contentsOf: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = [UInt8]()
        header.appendBigEndian(UInt32(image.width))
        header.appendBigEndian(UInt32(image.height))
        header += [8, channels == 4 ? 6 : 2, 0, 0, 0]  // depth, colour type (RGBA 6, RGB 2), deflate, filters, no interlace
        appendChunk("IHDR", header[...], to: &png)
        appendChunk("IDAT", compressed[0..<Int(bound)], to: &png)
        appendChunk("IEND", [][...], to: &png)
        return png
    }

    private static func appendChunk(_ type: String, _ body: ArraySlice<UInt8>, to png: inout Data) {
        var typed = Array(type.utf8)
        typed += body
        var length = [UInt8]()
        length.appendBigEndian(UInt32(body.count))
        png.append(contentsOf: length)
        png.append(contentsOf: typed)
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        var trailer = [UInt8]()
        trailer.appendBigEndian(UInt32(truncatingIfNeeded: crc))
        png.append(contentsOf: trailer)
    }
}

/// PNG's five row filters (RFC 2083 §6) and the per-row choice.
package enum RowFilter {
    /// Writes every row as a filter-type byte followed by the filtered bytes.
    package static func filterAll(_ src: UnsafeBufferPointer<UInt8>, into dst: UnsafeMutableBufferPointer<UInt8>,
                          width: Int, height: Int, channels bpp: Int) {
        let n = width * bpp
        let zeros = [UInt8](repeating: 0, count: n)
        var trial = [UInt8](repeating: 0, count: n)
        zeros.withUnsafeBufferPointer { zeroRow in
            trial.withUnsafeMutableBufferPointer { trial in
                for y in 0..<height {
                    let row = UnsafeBufferPointer(rebasing: src[(y * n)..<(y * n + n)])
                    let prior = y == 0 ? zeroRow : UnsafeBufferPointer(rebasing: src[((y - 1) * n)..<(y * n)])
                    let out = UnsafeMutableBufferPointer(rebasing: dst[(y * (n + 1) + 1)..<((y + 1) * (n + 1))])
                    var best = 0, bestCost = Int.max
                    for type in 0..<5 {
                        let cost = apply(type, row, prior, bpp, into: trial)
                        if cost < bestCost {
                            best = type
                            bestCost = cost
                            _ = out.update(fromContentsOf: trial)
                        }
                    }
                    dst[y * (n + 1)] = UInt8(best)
                }
            }
        }
    }

    /// Filters one row with `type`; returns the sum of the outputs read as signed bytes' magnitudes.
    static func apply(_ type: Int, _ row: UnsafeBufferPointer<UInt8>, _ prior: UnsafeBufferPointer<UInt8>, _ bpp: Int,
                      into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        switch type {
        case 0: return run(row, prior, bpp, out) { _, _, _ in 0 }
        case 1: return run(row, prior, bpp, out) { a, _, _ in a }
        case 2: return run(row, prior, bpp, out) { _, b, _ in b }
        case 3: return run(row, prior, bpp, out) { a, b, _ in UInt8((UInt16(a) + UInt16(b)) >> 1) }
        default: return run(row, prior, bpp, out, paeth)
        }
    }

    /// One filter's pass: out = row − predictor(left, up, up-left), modulo 256.
    @inline(__always)
    private static func run(_ row: UnsafeBufferPointer<UInt8>, _ prior: UnsafeBufferPointer<UInt8>, _ bpp: Int,
                            _ out: UnsafeMutableBufferPointer<UInt8>,
                            _ predictor: (UInt8, UInt8, UInt8) -> UInt8) -> Int {
        var cost = 0
        for i in 0..<row.count {
            let a = i >= bpp ? row[i - bpp] : 0
            let c = i >= bpp ? prior[i - bpp] : 0
            let v = row[i] &- predictor(a, prior[i], c)
            out[i] = v
            cost += v < 128 ? Int(v) : 256 - Int(v)
        }
        return cost
    }

    @inline(__always)
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
