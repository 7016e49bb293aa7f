import DmanCore
import Foundation

/// Resamples a square window of a picture to `n`×`n` pixels with the
/// Lanczos filter exactly as ImageMagick's `-filter Lanczos -resize` does
/// (sinc windowed by sinc, 3 lobes, support widened by the downscale factor
/// so it antialiases, weights renormalised at the window's edges, colour
/// weighted by alpha), but the window may start and end between pixels.
///
/// The fractional window lets a crop planned in full-resolution pixels be
/// cut from a JPEG decoded at 1/2, 1/4 or 1/8 size without rounding its
/// position. With a whole-pixel window it matches
/// `convert src -crop SxS+X+Y +repage -filter Lanczos -resize NxN!` within
/// one level (ImageMagick rounds its intermediate to 16 bits).
public enum LanczosResampler {
    /// The `n`×`n` resampling of the window (`x`, `y`, `side`) of `image`,
    /// in the image's pixel units; the window must lie inside the image.
    public static func resample(_ image: PixelImage, x: Double, y: Double, side: Double, to n: Int) -> PixelImage {
        precondition(n > 0 && side > 0, "empty resample")
        let cols = taps(origin: x, side: side, n: n, limit: image.width)
        let rows = taps(origin: y, side: side, n: n, limit: image.height)
        let c0 = cols.map(\.start).min()!, c1 = cols.map { $0.start + $0.weights.count }.max()!
        let ch = image.channels, span = c1 - c0
        // Vertical pass: n rows × span columns, in Float.
        var mid = [Float](repeating: 0, count: n * span * ch)
        image.pixels.withUnsafeBufferPointer { src in
            mid.withUnsafeMutableBufferPointer { dst in
                for (i, t) in rows.enumerated() {
                    let out = dst.baseAddress! + i * span * ch
                    filter(t, count: span, channels: ch, out: out) { k in src.baseAddress! + ((t.start + k) * image.width + c0) * ch }
                }
            }
        }
        // Horizontal pass: n × n.
        var result = PixelImage(width: n, height: n, channels: ch)
        let stride = span * ch
        mid.withUnsafeBufferPointer { m in
            result.pixels.withUnsafeMutableBufferPointer { dst in
                var acc = [Float](repeating: 0, count: ch)
                for r in 0..<n {
                    let row = m.baseAddress! + r * stride
                    for (j, t) in cols.enumerated() {
                        for c in 0..<ch { acc[c] = 0 }
                        var gamma: Float = 0
                        for (k, w) in t.weights.enumerated() {
                            let p = row + (t.start - c0 + k) * ch
                            if ch == 4 {
                                let a = w * p[3] / 255
                                for c in 0..<3 { acc[c] += a * p[c] }
                                acc[3] += w * p[3]
                                gamma += a
                            } else {
                                for c in 0..<ch { acc[c] += w * p[c] }
                            }
                        }
                        if ch == 4 { let g = abs(gamma) > 1e-12 ? 1 / gamma : 1; for c in 0..<3 { acc[c] *= g } }
                        let o = (r * n + j) * ch
                        for c in 0..<ch { dst[o + c] = UInt8(max(0, min(255, acc[c] + 0.5))) }
                    }
                }
            }
        }
        return result
    }

    /// Weighted sum of `count`·`channels` values from the rows `row(k)` into `out`.
    private static func filter<T: BinaryInteger>(_ t: Taps, count: Int, channels ch: Int, out: UnsafeMutablePointer<Float>,
                                                 row: (Int) -> UnsafePointer<T>) {
        let len = count * ch
        if ch == 4 {
            var gamma = [Float](repeating: 0, count: count)
            for (k, w) in t.weights.enumerated() {
                let p = row(k)
                for x in 0..<count {
                    let a = w * Float(p[x * 4 + 3]) / 255
                    out[x * 4] += a * Float(p[x * 4]); out[x * 4 + 1] += a * Float(p[x * 4 + 1]); out[x * 4 + 2] += a * Float(p[x * 4 + 2])
                    out[x * 4 + 3] += w * Float(p[x * 4 + 3])
                    gamma[x] += a
                }
            }
            for x in 0..<count where abs(gamma[x]) > 1e-12 { for c in 0..<3 { out[x * 4 + c] /= gamma[x] } }
        } else {
            for (k, w) in t.weights.enumerated() {
                let p = row(k)
                for v in 0..<len { out[v] += w * Float(p[v]) }
            }
        }
    }

    /// Source pixels and normalised weights of one output pixel.
    struct Taps {
        var start: Int
        var weights: [Float]
    }

    /// ImageMagick's `HorizontalFilter` contributions, with the window's
    /// origin allowed to be fractional.
    static func taps(origin: Double, side: Double, n: Int, limit: Int) -> [Taps] {
        let factor = side / Double(n)
        let scale = max(factor, 1), support = 3 * scale
        return (0..<n).map { i in
            let bisect = (Double(i) + 0.5) * factor
            var start = Int((origin + max(bisect - support + 0.5, 0)).rounded(.down))
            var stop = Int((origin + min(bisect + support + 0.5, side)).rounded(.down))
            start = min(max(start, 0), limit - 1)
            stop = min(max(stop, start + 1), limit)
            var w = (start..<stop).map { j in lanczos((Double(j) - origin - bisect + 0.5) / scale) }
            let sum = w.reduce(0, +)
            if sum != 0 { w = w.map { $0 / sum } }
            return Taps(start: start, weights: w.map { Float($0) })
        }
    }

    /// sinc(x)·sinc(x/3) for |x| < 3.
    static func lanczos(_ x: Double) -> Double {
        let a = abs(x)
        if a >= 3 { return 0 }
        if a < 1e-12 { return 1 }
        let px = Double.pi * a
        return (sin(px) / px) * (sin(px / 3) / (px / 3))
    }
}
