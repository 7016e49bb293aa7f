import Foundation

/// One axis of a separable resampling: for every output position, the first
/// source index it reads and the normalised weights of its taps.
///
/// Tables depend only on the sizes, the kernel and the arithmetic, so the
/// resampler computes each once (``cached(kernel:arithmetic:inSize:outSize:)``)
/// and every picture of a run reuses it. A table over a *window* of the
/// source (``ResampleArithmetic/imageMagickWindow``: crop's squares, which may start between
/// pixels) holds absolute source indices.
///
///     let t = ResampleTable(kernel: .box, arithmetic: .pillow, inSize: 4, outSize: 2)
///     // t.start == [0, 2], t.count == [2, 2], t.weights == [0.5, 0.5, 0.5, 0.5]
package struct ResampleTable: Sendable {
    /// Source pixels on the axis (taps never leave `0..<inSize`).
    package let inSize: Int
    /// Output pixels on the axis.
    package let outSize: Int
    /// First source index of each output position.
    package let start: [Int]
    /// Number of taps of each output position.
    package let count: [Int]
    /// Row length of ``weights``: the largest tap count (at least 1).
    package let stride: Int
    /// `outSize × stride` normalised weights, zero past each position's `count`.
    package let weights: [Double]
    /// ``weights`` rounded to `Float` (the accumulators of the 8-bit and Float paths).
    package let floatWeights: [Float]
    /// ``weights`` in Pillow's 22-bit fixed point (rounded half away from zero).
    package let fixedPointWeights: [Int32]
    /// `outSize × stride` source indices (`start + k`, clamped into the axis;
    /// the padding taps weigh 0), for branch-free loops (``SeparablePass``).
    package let paddedIndex: [Int]

    /// The table resizing a whole axis of `inSize` pixels to `outSize`.
    package init(kernel: ResampleKernel, arithmetic: ResampleArithmetic, inSize: Int, outSize: Int) {
        self.init(kernel: kernel, arithmetic: arithmetic, limit: inSize, origin: 0, length: Double(inSize), outSize: outSize)
    }

    /// The table resizing the window `origin ..< origin + length` of an axis
    /// of `limit` pixels to `outSize`; only ``ResampleArithmetic/imageMagickWindow``
    /// takes a fractional window, the others a whole axis (``ResampleKernel/area``:
    /// a whole-pixel window).
    package init(kernel: ResampleKernel, arithmetic: ResampleArithmetic, limit: Int, origin: Double, length: Double, outSize: Int) {
        precondition(outSize > 0 && length > 0 && limit > 0, "empty resample")
        var spans: [(start: Int, weights: [Double])]
        if kernel == .area {
            precondition(origin == origin.rounded() && length == length.rounded(), "area windows are whole pixels")
            spans = Self.areaSpans(inSize: Int(length), outSize: outSize).map { (Int(origin) + $0.start, $0.weights) }
        } else {
            switch arithmetic {
            case .imageMagick:
                precondition(origin == 0 && length == Double(limit), "imageMagick arithmetic resizes whole axes")
                spans = Self.imageMagickSpans(kernel, inSize: limit, outSize: outSize)
            case .imageMagickWindow:
                spans = Self.windowSpans(kernel, limit: limit, origin: origin, side: length, outSize: outSize)
            case .pillow:
                precondition(origin == 0 && length == Double(limit), "pillow arithmetic resizes whole axes")
                spans = Self.pillowSpans(kernel, inSize: limit, outSize: outSize)
            }
        }
        let stride = max(1, spans.map(\.weights.count).max() ?? 1)
        var weights = [Double](repeating: 0, count: outSize * stride)
        for (i, span) in spans.enumerated() {
            for (k, w) in span.weights.enumerated() { weights[i * stride + k] = w }
        }
        self.inSize = limit
        self.outSize = outSize
        let start = spans.map(\.start)
        self.start = start
        self.count = spans.map(\.weights.count)
        self.stride = stride
        self.weights = weights
        self.floatWeights = weights.map { Float($0) }
        self.fixedPointWeights = weights.map { w in
            let v = w * Double(1 << Self.fixedPointBits)
            return Int32(v < 0 ? v - 0.5 : v + 0.5)
        }
        var index = [Int](repeating: 0, count: outSize * stride)
        for (x, s) in start.enumerated() {
            for k in 0..<stride { index[x * stride + k] = min(s + k, limit - 1) }
        }
        self.paddedIndex = index
    }

    /// Bits after the point of ``fixedPointWeights`` (Pillow's `PRECISION_BITS`).
    package static let fixedPointBits = 32 - 8 - 2

    /// Divides by the sum when it is not zero (every reference does).
    private static func normalised(_ w: [Double]) -> [Double] {
        let sum = w.reduce(0, +)
        return sum != 0 ? w.map { $0 / sum } : w
    }

    /// ImageMagick 6 `HorizontalFilter`/`VerticalFilter` contributions.
    private static func imageMagickSpans(_ kernel: ResampleKernel, inSize: Int, outSize: Int) -> [(start: Int, weights: [Double])] {
        let factor = Double(outSize) / Double(inSize)
        let scaleUp = max(1 / factor, 1)
        let support = max(kernel.support * scaleUp, 0.5)
        return (0..<outSize).map { x in
            let bisect = (Double(x) + 0.5) / factor + 1e-12
            let start = max(Int(bisect - support + 0.5), 0)
            let stop = min(Int(bisect + support + 0.5), inSize)
            let w = (start..<max(start, stop)).map { n in
                kernel.weight((Double(n) - bisect + 0.5) / scaleUp, arithmetic: .imageMagick)
            }
            return (start, normalised(w))
        }
    }

    /// ImageMagick's contributions with the window's origin and side allowed
    /// to be fractional; at least one tap, all inside `0..<limit`.
    private static func windowSpans(_ kernel: ResampleKernel, limit: Int, origin: Double, side: Double,
                                    outSize n: Int) -> [(start: Int, weights: [Double])] {
        let factor = side / Double(n)
        let scale = max(factor, 1), support = kernel.support * scale
        return (0..<n).map { i in
            let bisect = (Double(i) + 0.5) * factor
            var start = Int((origin + max(bisect - support + 0.5, 0)).rounded(.down))
            var stop = Int((origin + min(bisect + support + 0.5, side)).rounded(.down))
            start = min(max(start, 0), limit - 1)
            stop = min(max(stop, start + 1), limit)
            let w = (start..<stop).map { j in
                kernel.weight((Double(j) - origin - bisect + 0.5) / scale, arithmetic: .imageMagickWindow)
            }
            return (start, normalised(w))
        }
    }

    /// Pillow's `precompute_coeffs` (before its fixed-point rounding).
    private static func pillowSpans(_ kernel: ResampleKernel, inSize: Int, outSize: Int) -> [(start: Int, weights: [Double])] {
        let scale = Double(inSize) / Double(outSize)
        let filterscale = max(scale, 1)
        let support = kernel.support * filterscale
        let ss = 1 / filterscale
        return (0..<outSize).map { xx in
            let center = (Double(xx) + 0.5) * scale
            let xmin = max(Int(center - support + 0.5), 0)
            let xmax = min(Int(center + support + 0.5), inSize) - xmin
            let w = (0..<max(0, xmax)).map { x in
                kernel.weight((Double(x + xmin) - center + 0.5) * ss, arithmetic: .pillow)
            }
            return (xmin, normalised(w))
        }
    }

    /// OpenCV-style `INTER_AREA`: pixel overlaps when shrinking, bilinear
    /// with clamped edges when enlarging; weights rounded to `Float` as
    /// GANCore's training resize has always computed them.
    private static func areaSpans(inSize n: Int, outSize m: Int) -> [(start: Int, weights: [Double])] {
        let scale = Double(n) / Double(m)
        return (0..<m).map { i in
            if scale >= 1 {
                let a = Double(i) * scale, b = Double(i + 1) * scale
                var w: [Double] = []
                let first = Int(a)
                var j = first
                while Double(j) < b && j < n {
                    let overlap = min(b, Double(j + 1)) - max(a, Double(j))
                    if overlap > 0 { w.append(Double(Float(overlap / scale))) }
                    j += 1
                }
                return (first, w)
            }
            let x = (Double(i) + 0.5) * scale - 0.5
            let j0 = max(0, min(n - 1, Int(x.rounded(.down))))
            let j1 = min(n - 1, j0 + 1)
            let f = Float(max(0, min(1, x - Double(j0))))
            return j0 == j1 ? (j0, [1]) : (j0, [Double(1 - f), Double(f)])
        }
    }
}
