import Foundation
import DmanCore

/// Pillow-compatible grayscale conversion and separable resampling, so that
/// hashes computed here match Python `imagehash` given the same decoded pixels.
///
/// Follows Pillow's `Convert.c` (`L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16`)
/// and `Resample.c` (support scaled by the reduction factor, weights
/// normalised then rounded to 22-bit fixed point, horizontal pass first into
/// an 8-bit buffer, then vertical).
package enum PILResample {
    /// Resampling kernels with Pillow's definitions and supports.
    package enum Filter: Sendable {
        case lanczos, bicubic, box

        var support: Double {
            switch self {
            case .lanczos: return 3
            case .bicubic: return 2
            case .box: return 0.5
            }
        }

        func weight(_ x: Double) -> Double {
            switch self {
            case .lanczos:
                guard x >= -3 && x < 3 else { return 0 }
                return sinc(x) * sinc(x / 3)
            case .bicubic:
                let a = -0.5, t = abs(x)
                if t < 1 { return ((a + 2) * t - (a + 3)) * t * t + 1 }
                if t < 2 { return (((t - 5) * t + 8) * t - 4) * a }
                return 0
            case .box:
                return (x > -0.5 && x <= 0.5) ? 1 : 0
            }
        }

        private func sinc(_ x: Double) -> Double {
            if x == 0 { return 1 }
            let px = x * Double.pi
            return sin(px) / px
        }
    }

    /// 8-bit luma of every pixel (alpha ignored, as Pillow's `convert("L")`).
    package static func luma(_ image: PixelImage) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: image.area)
        let ch = image.channels
        image.pixels.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<image.area {
                    let r = UInt32(p[i * ch]), g = UInt32(p[i * ch + 1]), b = UInt32(p[i * ch + 2])
                    o[i] = UInt8((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16)
                }
            }
        }
        return out
    }

    private static let precisionBits = 32 - 8 - 2

    /// Fixed-point coefficients for one axis: per output index its first input
    /// index, the tap count, and `ksize` weights.
    private static func coefficients(inSize: Int, outSize: Int, filter: Filter)
        -> (bounds: [(Int, Int)], ksize: Int, weights: [Int32]) {
        let scale = Double(inSize) / Double(outSize)
        let filterscale = max(scale, 1)
        let support = filter.support * filterscale
        let ksize = Int(support.rounded(.up)) * 2 + 1
        var bounds = [(Int, Int)](repeating: (0, 0), count: outSize)
        var weights = [Int32](repeating: 0, count: outSize * ksize)
        var k = [Double](repeating: 0, count: ksize)
        for xx in 0..<outSize {
            let center = (Double(xx) + 0.5) * scale
            let ss = 1 / filterscale
            let xmin = max(Int(center - support + 0.5), 0)
            let xmax = min(Int(center + support + 0.5), inSize) - xmin
            var ww = 0.0
            for x in 0..<ksize { k[x] = 0 }
            for x in 0..<xmax {
                let w = filter.weight((Double(x + xmin) - center + 0.5) * ss)
                k[x] = w
                ww += w
            }
            for x in 0..<xmax where ww != 0 { k[x] /= ww }
            for x in 0..<ksize {
                let v = k[x] * Double(1 << precisionBits)
                weights[xx * ksize + x] = Int32(v < 0 ? v - 0.5 : v + 0.5)
            }
            bounds[xx] = (xmin, xmax)
        }
        return (bounds, ksize, weights)
    }

    @inline(__always) private static func clip8(_ v: Int) -> UInt8 {
        if v >= (1 << (precisionBits + 8)) { return 255 }
        if v <= 0 { return 0 }
        return UInt8(v >> precisionBits)
    }

    /// Resizes an 8-bit single-channel plane as Pillow's `Image.resize` does
    /// for mode `L` (no reducing gap).
    package static func resize(_ gray: [UInt8], width: Int, height: Int, toWidth outW: Int, toHeight outH: Int,
                               filter: Filter = .lanczos) -> [UInt8] {
        precondition(gray.count == width * height && outW > 0 && outH > 0)
        if outW == width && outH == height { return gray }
        var src = gray, srcW = width, srcH = height
        let vert = coefficients(inSize: height, outSize: outH, filter: filter)
        if outW != width {
            let horiz = coefficients(inSize: width, outSize: outW, filter: filter)
            // Only rows the vertical pass will read.
            let first = outH != height ? vert.bounds[0].0 : 0
            let last = outH != height ? vert.bounds[outH - 1].0 + vert.bounds[outH - 1].1 : height
            var tmp = [UInt8](repeating: 0, count: outW * (last - first))
            for y in first..<last {
                for xx in 0..<outW {
                    let (xmin, xmax) = horiz.bounds[xx]
                    var ss = 1 << (precisionBits - 1)
                    let row = y * width + xmin, kb = xx * horiz.ksize
                    for x in 0..<xmax { ss += Int(src[row + x]) * Int(horiz.weights[kb + x]) }
                    tmp[(y - first) * outW + xx] = clip8(ss)
                }
            }
            src = tmp; srcW = outW; srcH = last - first
            if outH == height { return src }
            var out = [UInt8](repeating: 0, count: outW * outH)
            for yy in 0..<outH {
                let (ymin, ymax) = vert.bounds[yy]
                let kb = yy * vert.ksize
                for xx in 0..<outW {
                    var ss = 1 << (precisionBits - 1)
                    for y in 0..<ymax { ss += Int(src[(y + ymin - first) * srcW + xx]) * Int(vert.weights[kb + y]) }
                    out[yy * outW + xx] = clip8(ss)
                }
            }
            _ = srcH
            return out
        }
        var out = [UInt8](repeating: 0, count: outW * outH)
        for yy in 0..<outH {
            let (ymin, ymax) = vert.bounds[yy]
            let kb = yy * vert.ksize
            for xx in 0..<outW {
                var ss = 1 << (precisionBits - 1)
                for y in 0..<ymax { ss += Int(src[(y + ymin) * srcW + xx]) * Int(vert.weights[kb + y]) }
                out[yy * outW + xx] = clip8(ss)
            }
        }
        return out
    }
}
