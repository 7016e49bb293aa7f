import Foundation
import DmanCore

/// 64-bit perceptual hashes, bit-compatible with Python's `imagehash`
/// (`phash`, `dhash`, `average_hash`, `whash` with `hash_size=8`).
///
/// Each function comes in two forms. Over a ``PixelImage`` it converts to
/// luma and resamples exactly as Pillow does (``PillowLuma``, then DmanCore's
/// `Resampler.resizePlane`), so for a
/// losslessly decoded picture the result equals `imagehash.X(Image.open(f))`.
/// Over a 32×32 grayscale plane (`gray32`, 1024 bytes, row-major) it equals
/// `imagehash.X(Image.fromarray(gray32, "L"))`; that form is what a caller
/// with its own resampling (a GAN's 32×32 samples) uses.
///
/// Bits are packed with imagehash's first array element in the most
/// significant bit, so ``hex(_:)`` prints what `str(imagehash.phash(img))` prints.
///
/// `dman audit` hashes `gray32` planes made by ``Thumbnail/gray32(_:)`` (an
/// area average, cheaper than Lanczos); to compare with its hashes, do the same:
/// `PerceptualHash.phash(gray32: Thumbnail.gray32(image))`.
///
///     let h = PerceptualHash.phash(image)
///     let close = PerceptualHash.distance(h, other) <= 10
public enum PerceptualHash {
    /// The available hash functions.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// DCT of a 32×32 luma thumbnail; low 8×8 frequencies above their median.
        case phash
        /// 9×8 thumbnail; each pixel brighter than its left neighbour.
        case dhash
        /// 8×8 thumbnail; each pixel above the mean.
        case ahash
        /// Haar wavelet low band (DC removed) above its median.
        case whash
    }

    /// Side of the grayscale plane the `gray32` forms take.
    public static let graySide = 32

    /// Hamming distance between two hashes.
    @inline(__always)
    public static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

    /// imagehash's `str()` form: 16 lowercase hex digits.
    public static func hex(_ hash: UInt64) -> String {
        let s = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The hash of `kind` for a picture.
    public static func hash(_ image: PixelImage, kind: Kind) -> UInt64 {
        hash(luma: PillowLuma.luma(image), width: image.width, height: image.height, kind: kind)
    }

    /// The hash of `kind` for a 32×32 grayscale plane.
    public static func hash(gray32: [UInt8], kind: Kind) -> UInt64 {
        precondition(gray32.count == graySide * graySide, "gray32 must hold 32×32 bytes")
        return hash(luma: gray32, width: graySide, height: graySide, kind: kind)
    }

    /// The hash of `kind` for a luma plane of any size (Pillow's `L` image).
    public static func hash(luma: [UInt8], width: Int, height: Int, kind: Kind) -> UInt64 {
        switch kind {
        case .phash:
            let g = Resampler.resizePlane(luma, width: width, height: height, toWidth: 32, toHeight: 32, kernel: .lanczos3)
            return phashBits(g)
        case .dhash:
            let g = Resampler.resizePlane(luma, width: width, height: height, toWidth: 9, toHeight: 8, kernel: .lanczos3)
            var h: UInt64 = 0
            for r in 0..<8 { for c in 0..<8 { h = h << 1 | (g[r * 9 + c + 1] > g[r * 9 + c] ? 1 : 0) } }
            return h
        case .ahash:
            let g = Resampler.resizePlane(luma, width: width, height: height, toWidth: 8, toHeight: 8, kernel: .lanczos3)
            let sum = g.reduce(0) { $0 + Int($1) }
            var h: UInt64 = 0
            for v in g { h = h << 1 | (Int(v) * 64 > sum ? 1 : 0) }
            return h
        case .whash:
            let natural = 1 << Int(log2(Double(min(width, height))).rounded(.down))
            let scale = max(natural, 8)
            let g = Resampler.resizePlane(luma, width: width, height: height, toWidth: scale, toHeight: scale, kernel: .lanczos3)
            // The Haar low band after `level` steps is each (scale/8)² block's
            // sum times a constant, minus the removed DC: comparisons against
            // the median are the same on plain block sums.
            let block = scale / 8
            var sums = [Int](repeating: 0, count: 64)
            for y in 0..<scale { for x in 0..<scale { sums[(y / block) * 8 + x / block] += Int(g[y * scale + x]) } }
            return medianBits(sums.map(Double.init))
        }
    }

    /// pHash of a picture.
    public static func phash(_ image: PixelImage) -> UInt64 { hash(image, kind: .phash) }
    /// pHash of a 32×32 grayscale plane.
    public static func phash(gray32: [UInt8]) -> UInt64 { hash(gray32: gray32, kind: .phash) }
    /// dHash of a picture.
    public static func dhash(_ image: PixelImage) -> UInt64 { hash(image, kind: .dhash) }
    /// dHash of a 32×32 grayscale plane.
    public static func dhash(gray32: [UInt8]) -> UInt64 { hash(gray32: gray32, kind: .dhash) }
    /// Average hash of a picture.
    public static func ahash(_ image: PixelImage) -> UInt64 { hash(image, kind: .ahash) }
    /// Average hash of a 32×32 grayscale plane.
    public static func ahash(gray32: [UInt8]) -> UInt64 { hash(gray32: gray32, kind: .ahash) }
    /// Wavelet hash of a picture.
    public static func whash(_ image: PixelImage) -> UInt64 { hash(image, kind: .whash) }
    /// Wavelet hash of a 32×32 grayscale plane.
    public static func whash(gray32: [UInt8]) -> UInt64 { hash(gray32: gray32, kind: .whash) }

    /// `2·cos(π·k·(2n+1)/64)` for k < 8, n < 32: the rows of scipy's
    /// unnormalised DCT-II that the low 8×8 block needs.
    private static let dctRows: [Double] = {
        var t = [Double](repeating: 0, count: 8 * 32)
        for k in 0..<8 { for n in 0..<32 { t[k * 32 + n] = 2 * cos(Double.pi * Double(k) * Double(2 * n + 1) / 64) } }
        return t
    }()

    /// imagehash's phash core: `dct(dct(pixels, axis=0), axis=1)[:8, :8] > median`.
    static func phashBits(_ g: [UInt8]) -> UInt64 {
        var low = [Double](repeating: 0, count: 64)
        var colPass = [Double](repeating: 0, count: 8 * 32)  // [k][col]
        dctRows.withUnsafeBufferPointer { c in
            g.withUnsafeBufferPointer { px in
                colPass.withUnsafeMutableBufferPointer { cp in
                    for k in 0..<8 {
                        for col in 0..<32 {
                            var s = 0.0
                            for n in 0..<32 { s += c[k * 32 + n] * Double(px[n * 32 + col]) }
                            cp[k * 32 + col] = s
                        }
                    }
                    low.withUnsafeMutableBufferPointer { lo in
                        for k in 0..<8 {
                            for l in 0..<8 {
                                var s = 0.0
                                for m in 0..<32 { s += c[l * 32 + m] * cp[k * 32 + m] }
                                lo[k * 8 + l] = s
                            }
                        }
                    }
                }
            }
        }
        return medianBits(low)
    }

    /// Bits of `values > median(values)` (numpy's median: mean of the middle two).
    static func medianBits(_ values: [Double]) -> UInt64 {
        let sorted = values.sorted()
        let med = (sorted[31] + sorted[32]) / 2
        var h: UInt64 = 0
        for v in values { h = h << 1 | (v > med ? 1 : 0) }
        return h
    }
}
