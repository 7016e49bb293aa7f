import DmanCore
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

    /// One separable pass of DmanCore's resampler (`SeparablePass`) over a
    /// ``FloatImage``, into a new one.
    static func pass(_ img: FloatImage, outWidth: Int, outHeight: Int, horizontal: Bool,
                     taps: Int, index: [Int], weight: [Float]) -> FloatImage {
        var out = FloatImage(width: outWidth, height: outHeight)
        img.pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                SeparablePass.run(src, width: img.width, into: dst, outWidth: outWidth, outHeight: outHeight,
                                  horizontal: horizontal, taps: taps, index: index, weight: weight)
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

    /// `-filter Lanczos -resize WxH!`: horizontal pass then vertical pass, clamped,
    /// with DmanCore's tables in ImageMagick's own arithmetic (cached per size).
    static func resize(_ img: FloatImage, width: Int, height: Int) -> FloatImage {
        let xt = ResampleTable.cached(kernel: .lanczos3, arithmetic: .imageMagick, inSize: img.width, outSize: width)
        let yt = ResampleTable.cached(kernel: .lanczos3, arithmetic: .imageMagick, inSize: img.height, outSize: height)
        let mid = pass(img, outWidth: width, outHeight: img.height, horizontal: true,
                       taps: xt.stride, index: xt.paddedIndex, weight: xt.floatWeights)
        var out = pass(mid, outWidth: width, outHeight: height, horizontal: false,
                       taps: yt.stride, index: yt.paddedIndex, weight: yt.floatWeights)
        mid.recycle()
        for i in out.pixels.indices { out.pixels[i] = clamp255(out.pixels[i]) }
        return out
    }
}
