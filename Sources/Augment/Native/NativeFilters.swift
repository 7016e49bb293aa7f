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

    /// Separable Gaussian blur with `outside` virtual pixels.
    static func blur(_ img: FloatImage, kernel: [Double], outside: Outside) -> FloatImage {
        let w = img.width, h = img.height, half = kernel.count / 2, n = kernel.count
        let kf = kernel.map { Float($0) }
        var mid = FloatImage(width: w, height: h)
        var out = FloatImage(width: w, height: h)
        // Flat tables of source offsets: column x, tap k → pixel offset; row y, tap k → row offset.
        var cols = [Int](repeating: 0, count: w * n), rows = [Int](repeating: 0, count: h * n)
        for x in 0..<w { for k in 0..<n { cols[x * n + k] = outside.index(x + k - half, w) * 3 } }
        for y in 0..<h { for k in 0..<n { rows[y * n + k] = outside.index(y + k - half, h) * w * 3 } }
        kf.withUnsafeBufferPointer { kf in
        cols.withUnsafeBufferPointer { cols in
        rows.withUnsafeBufferPointer { rows in
            img.samples.withUnsafeBufferPointer { src in
                mid.samples.withUnsafeMutableBufferPointer { dst in
                    for y in 0..<h {
                        let row = y * w * 3
                        for x in 0..<w {
                            var r: Float = 0, g: Float = 0, b: Float = 0
                            for k in 0..<n {
                                let o = row + cols[x * n + k], c = kf[k]
                                r += c * src[o]; g += c * src[o + 1]; b += c * src[o + 2]
                            }
                            let o = row + x * 3
                            dst[o] = r; dst[o + 1] = g; dst[o + 2] = b
                        }
                    }
                }
            }
            mid.samples.withUnsafeBufferPointer { src in
                out.samples.withUnsafeMutableBufferPointer { dst in
                    for y in 0..<h {
                        for x in 0..<w {
                            var r: Float = 0, g: Float = 0, b: Float = 0
                            for k in 0..<n {
                                let o = rows[y * n + k] + x * 3, c = kf[k]
                                r += c * src[o]; g += c * src[o + 1]; b += c * src[o + 2]
                            }
                            let o = (y * w + x) * 3
                            dst[o] = r; dst[o + 1] = g; dst[o + 2] = b
                        }
                    }
                }
            }
        }
        }
        }
        return out
    }

    /// `-unsharp RxS+G+T`: out = in + gain·(in − blur) where |2·(in − blur)| ≥ threshold·range.
    static func unsharp(_ img: FloatImage, radius: Double, sigma: Double, gain: Double, threshold: Double,
                        outside: Outside) -> FloatImage {
        let blurred = blur(img, kernel: gaussianKernel(radius: radius, sigma: sigma), outside: outside)
        var out = img
        let t = Float(threshold * 255), g = Float(gain)
        blurred.samples.withUnsafeBufferPointer { bl in
            out.samples.withUnsafeMutableBufferPointer { o in
                for i in 0..<o.count {
                    let v = o[i], d = v - bl[i]
                    if abs(2 * d) >= t { o[i] = min(255, max(0, v + d * g)) }
                }
            }
        }
        return out
    }

    // MARK: - Resize (Lanczos)

    @inline(__always)
    static func sinc(_ x: Double) -> Double {
        if x == 0 { return 1 }
        let px = Double.pi * x
        return sin(px) / px
    }

    /// Contributions of source pixels to each of `outSize` pixels (ImageMagick's resize weights).
    static func lanczosWeights(inSize: Int, outSize: Int) -> [(start: Int, weights: [Float])] {
        let factor = Double(outSize) / Double(inSize)
        let scaleUp = max(1 / factor, 1)
        let support = max(3 * scaleUp, 0.5)
        return (0..<outSize).map { x in
            let bisect = (Double(x) + 0.5) / factor + 1e-12
            let start = max(Int(bisect - support + 0.5), 0)
            let stop = min(Int(bisect + support + 0.5), inSize)
            var w = (start..<stop).map { n -> Double in
                let t = (Double(n) - bisect + 0.5) / scaleUp
                return abs(t) < 3 ? sinc(t) * sinc(t / 3) : 0
            }
            let sum = w.reduce(0, +)
            if sum != 0 { for i in w.indices { w[i] /= sum } }
            return (start, w.map { Float($0) })
        }
    }

    /// `-filter Lanczos -resize WxH!`: horizontal pass then vertical pass.
    static func resize(_ img: FloatImage, width: Int, height: Int) -> FloatImage {
        let xw = lanczosWeights(inSize: img.width, outSize: width)
        let yw = lanczosWeights(inSize: img.height, outSize: height)
        var mid = FloatImage(width: width, height: img.height)
        img.samples.withUnsafeBufferPointer { src in
            mid.samples.withUnsafeMutableBufferPointer { dst in
                for y in 0..<img.height {
                    for x in 0..<width {
                        let (start, ws) = xw[x]
                        var r: Float = 0, g: Float = 0, b: Float = 0
                        for k in 0..<ws.count {
                            let o = (y * img.width + start + k) * 3
                            r += ws[k] * src[o]; g += ws[k] * src[o + 1]; b += ws[k] * src[o + 2]
                        }
                        let o = (y * width + x) * 3
                        dst[o] = r; dst[o + 1] = g; dst[o + 2] = b
                    }
                }
            }
        }
        var out = FloatImage(width: width, height: height)
        mid.samples.withUnsafeBufferPointer { src in
            out.samples.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    let (start, ws) = yw[y]
                    for x in 0..<width {
                        var r: Float = 0, g: Float = 0, b: Float = 0
                        for k in 0..<ws.count {
                            let o = ((start + k) * width + x) * 3
                            r += ws[k] * src[o]; g += ws[k] * src[o + 1]; b += ws[k] * src[o + 2]
                        }
                        let o = (y * width + x) * 3
                        dst[o] = min(255, max(0, r)); dst[o + 1] = min(255, max(0, g)); dst[o + 2] = min(255, max(0, b))
                    }
                }
            }
        }
        return out
    }
}
