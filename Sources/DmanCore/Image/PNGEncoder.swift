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
    /// `level` is zlib's 0 (store) … 9 (smallest); `runLength` picks zlib's
    /// `Z_RLE` strategy (matches only against the previous byte: much faster
    /// than `level 1`'s hash chains, and on filtered picture rows about as
    /// small; OpenCV's `imwrite` default).
    public static func encode(_ image: PixelImage, level: Int = 6, runLength: Bool = false) -> Data? {
        let channels = image.channels, rowBytes = image.width * channels
        var filtered = [UInt8](repeating: 0, count: image.height * (rowBytes + 1))
        image.pixels.withUnsafeBufferPointer { src in
            filtered.withUnsafeMutableBufferPointer { dst in
                RowFilter.filterAll(src, into: dst, width: image.width, height: image.height, channels: channels)
            }
        }
        guard let compressed = deflate(filtered, level: max(0, min(9, level)),
                                       strategy: runLength ? CZlib_rle : CZlib_defaultStrategy) else { return nil }
        let bound = compressed.count
        var png = Data(capacity: bound + 57)
        png.append(contentsOf: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = [UInt8]()
        header.appendBigEndian(UInt32(image.width))
        header.appendBigEndian(UInt32(image.height))
        header += [8, channels == 4 ? 6 : 2, 0, 0, 0]  // depth, colour type (RGBA 6, RGB 2), deflate, filters, no interlace
        appendChunk("IHDR", header[...], to: &png)
        appendChunk("IDAT", compressed[...], to: &png)
        appendChunk("IEND", [][...], to: &png)
        return png
    }

    /// One zlib stream of `input`, or nil on a zlib error.
    private static func deflate(_ input: [UInt8], level: Int, strategy: Int32) -> [UInt8]? {
        var stream = CZlib_stream()
        guard deflateInit2_(&stream, Int32(level), CZlib_deflated, 15, 8, strategy, zlibVersion(),
                            Int32(MemoryLayout<CZlib_stream>.size)) == 0 else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))))
        let status = input.withUnsafeBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = UInt32(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = UInt32(dst.count)
                return CZlib.deflate(&stream, CZlib_finish)
            }
        }
        guard status == CZlib_streamEnd else { return nil }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    private static func appendChunk(_ type: String, _ body: ArraySlice<UInt8>, to png: inout Data) {
        let tag = Array(type.utf8)
        var length = [UInt8]()
        length.appendBigEndian(UInt32(body.count))
        png.append(contentsOf: length)
        png.append(contentsOf: tag)
        png.append(contentsOf: body)
        // The CRC covers type and body; zlib continues it across the two, so the body is not copied for it.
        var crc = tag.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        crc = body.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
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
        for i in 0..<min(bpp, row.count) {  // the first pixel has no left neighbours
            let v = row[i] &- predictor(0, prior[i], 0)
            out[i] = v
            cost += v < 128 ? Int(v) : 256 - Int(v)
        }
        guard row.count > bpp else { return cost }
        for i in bpp..<row.count {
            let v = row[i] &- predictor(row[i - bpp], prior[i], prior[i - bpp])
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
