import Foundation

extension NativeKernels {
    // MARK: - Unsharp mask

    /// ImageMagick 6's Gaussian kernel for `-blur 0xσ` (`GetOptimalKernelWidth1D` + normalised weights).
    static func gaussianKernel(radius: Double, sigma: Double) -> [Double] {
        var width: Int
        if radius > 1e-12 {
            width = Int(2 * radius.rounded(.up) + 1)
        } else {
            let alpha = 1 / (2 * sigma * sigma), beta = 1 / ((2 * Double.pi).squareRoot() * sigma)
            width = 5
            while true {
                let j = (width - 1) / 2
                var normalize = 0.0
                for i in -j...j { normalize += exp(-Double(i * i) * alpha) * beta }
                let value = exp(-Double(j * j) * alpha) * beta / normalize
                if value < 1.0 / 65535.0 || value < 1e-12 { break }
                width += 2
            }
            width -= 2
        }
        let j = (width - 1) / 2
        var k = (-j...j).map { i in exp(-Double(i * i) / (2 * sigma * sigma)) / ((2 * Double.pi).squareRoot() * sigma) }
        let sum = k.reduce(0, +)
        for i in k.indices { k[i] /= sum }
        return k
    }

    /// One separable pass: `out[p] = Σ_k weight[p][k] · src[index[p][k]]`, for
    /// every pixel along rows (`horizontal`) or columns. Tables are flat
    /// (`taps` entries per output position), already remapped for the borders.
    static func pass(_ img: FloatImage, outWidth: Int, outHeight: Int, horizontal: Bool,
                     taps: Int, index: [Int], weight: [Float]) -> FloatImage {
        var out = FloatImage(width: outWidth, height: outHeight)
        let inW = img.width
        index.withUnsafeBufferPointer { index in
        weight.withUnsafeBufferPointer { weight in
            img.pixels.withUnsafeBufferPointer { src in
                out.pixels.withUnsafeMutableBufferPointer { dst in
                    for y in 0..<outHeight {
                        for x in 0..<outWidth {
                            var acc = SIMD4<Float>.zero
                            if horizontal {
                                let t = x * taps, row = y * inW
                                for k in 0..<taps { acc += weight[t + k] * src[row + index[t + k]] }
                            } else {
                                let t = y * taps
                                for k in 0..<taps { acc += weight[t + k] * src[index[t + k] * inW + x] }
                            }
                            dst[y * outWidth + x] = acc
                        }
                    }
                }
            }
        }
        }
        return out
    }

    /// Separable Gaussian blur with `outside` virtual pixels.
    static func blur(_ img: FloatImage, kernel: [Double], outside: Outside) -> FloatImage {
        let n = kernel.count, half = n / 2
        let kf = kernel.map { Float($0) }
        func tables(_ size: Int) -> ([Int], [Float]) {
            var idx = [Int](repeating: 0, count: size * n), wts = [Float](repeating: 0, count: size * n)
            for p in 0..<size { for k in 0..<n { idx[p * n + k] = outside.index(p + k - half, size); wts[p * n + k] = kf[k] } }
            return (idx, wts)
        }
        let (ci, cw) = tables(img.width), (ri, rw) = tables(img.height)
        let mid = pass(img, outWidth: img.width, outHeight: img.height, horizontal: true, taps: n, index: ci, weight: cw)
        let out = pass(mid, outWidth: img.width, outHeight: img.height, horizontal: false, taps: n, index: ri, weight: rw)
        mid.recycle()
        return out
    }

    /// `-unsharp RxS+G+T`: out = in + gain·(in − blur) where |2·(in − blur)| ≥ threshold·range.
    static func unsharp(_ img: FloatImage, radius: Double, sigma: Double, gain: Double, threshold: Double,
                        outside: Outside) -> FloatImage {
        let blurred = blur(img, kernel: gaussianKernel(radius: radius, sigma: sigma), outside: outside)
        var out = FloatImage(width: img.width, height: img.height)
        let t = Float(threshold * 255), g = Float(gain)
        img.pixels.withUnsafeBufferPointer { src in
        blurred.pixels.withUnsafeBufferPointer { bl in
            out.pixels.withUnsafeMutableBufferPointer { o in
                for i in 0..<o.count {
                    let v = src[i], d = v - bl[i]
                    let sharpened = clamp255(v + d * g)
                    let twice = 2 * d
                    o[i] = v.replacing(with: sharpened, where: twice .>= t .| twice .<= -t)
                }
            }
        }
        }
        blurred.recycle()
        return out
    }

    // MARK: - Resize (Lanczos)

    @inline(__always)
    static func sinc(_ x: Double) -> Double {
        if x == 0 { return 1 }
        let px = Double.pi * x
        return sin(px) / px
    }

    /// ImageMagick's resize contributions, padded to a common tap count:
    /// for output position x, source indices and normalised Lanczos-3 weights.
    static func lanczosTables(inSize: Int, outSize: Int) -> (taps: Int, index: [Int], weight: [Float]) {
        let factor = Double(outSize) / Double(inSize)
        let scaleUp = max(1 / factor, 1)
        let support = max(3 * scaleUp, 0.5)
        let spans: [(Int, [Double])] = (0..<outSize).map { x in
            let bisect = (Double(x) + 0.5) / factor + 1e-12
            let start = max(Int(bisect - support + 0.5), 0)
            let stop = min(Int(bisect + support + 0.5), inSize)
            var w = (start..<max(start, stop)).map { n -> Double in
                let t = (Double(n) - bisect + 0.5) / scaleUp
                return abs(t) < 3 ? sinc(t) * sinc(t / 3) : 0
            }
            let sum = w.reduce(0, +)
            if sum != 0 { for i in w.indices { w[i] /= sum } }
            return (start, w)
        }
        let taps = max(1, spans.map(\.1.count).max() ?? 1)
        var index = [Int](repeating: 0, count: outSize * taps), weight = [Float](repeating: 0, count: outSize * taps)
        for (x, (start, w)) in spans.enumerated() {
            for k in 0..<taps {
                index[x * taps + k] = min(start + k, inSize - 1)
                weight[x * taps + k] = k < w.count ? Float(w[k]) : 0
            }
        }
        return (taps, index, weight)
    }

    /// `-filter Lanczos -resize WxH!`: horizontal pass then vertical pass, clamped.
    static func resize(_ img: FloatImage, width: Int, height: Int) -> FloatImage {
        let xt = LanczosCache.shared.tables(inSize: img.width, outSize: width)
        let yt = LanczosCache.shared.tables(inSize: img.height, outSize: height)
        let mid = pass(img, outWidth: width, outHeight: img.height, horizontal: true, taps: xt.taps, index: xt.index, weight: xt.weight)
        var out = pass(mid, outWidth: width, outHeight: height, horizontal: false, taps: yt.taps, index: yt.index, weight: yt.weight)
        mid.recycle()
        for i in out.pixels.indices { out.pixels[i] = clamp255(out.pixels[i]) }
        return out
    }
}

/// Resize tables by (input, output) size: every output of a run shares a few.
final class LanczosCache: @unchecked Sendable {
    static let shared = LanczosCache()
    typealias Tables = (taps: Int, index: [Int], weight: [Float])
    private var tables: [Int: Tables] = [:]
    private let lock = NSLock()

    func tables(inSize: Int, outSize: Int) -> Tables {
        let key = inSize << 32 | outSize
        lock.lock()
        if let t = tables[key] { lock.unlock(); return t }
        lock.unlock()
        let t = NativeKernels.lanczosTables(inSize: inSize, outSize: outSize)
        lock.lock()
        if tables.count > 64 { tables.removeAll() }
        tables[key] = t
        lock.unlock()
        return t
    }
}
