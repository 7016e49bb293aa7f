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
    package enum Filter: Sendable, Hashable {
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
    /// index and tap count, and `ksize` weights per output (cached per shape).
    package struct Coefficients: Sendable {
        package var xmin: [Int]
        package var count: [Int]
        package var ksize: Int
        package var weights: [Int32]
    }

    private static let cache = CoefficientCache()

    package static func coefficients(inSize: Int, outSize: Int, filter: Filter) -> Coefficients {
        let key = CoefficientCache.Key(inSize: inSize, outSize: outSize, filter: filter)
        if let hit = cache.get(key) { return hit }
        let c = computeCoefficients(inSize: inSize, outSize: outSize, filter: filter)
        cache.set(key, c)
        return c
    }

    private static func computeCoefficients(inSize: Int, outSize: Int, filter: Filter) -> Coefficients {
        let scale = Double(inSize) / Double(outSize)
        let filterscale = max(scale, 1)
        let support = filter.support * filterscale
        let ksize = Int(support.rounded(.up)) * 2 + 1
        var xmins = [Int](repeating: 0, count: outSize), counts = [Int](repeating: 0, count: outSize)
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
            xmins[xx] = xmin
            counts[xx] = xmax
        }
        return Coefficients(xmin: xmins, count: counts, ksize: ksize, weights: weights)
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
        let needH = outW != width, needV = outH != height
        let vert = coefficients(inSize: height, outSize: outH, filter: filter)
        // Only the rows the vertical pass will read go through the horizontal pass.
        let first = needV ? vert.xmin[0] : 0
        let last = needV ? vert.xmin[outH - 1] + vert.count[outH - 1] : height
        var src = gray, srcW = width, rowBase = 0
        if needH {
            let horiz = coefficients(inSize: width, outSize: outW, filter: filter)
            var tmp = [UInt8](repeating: 0, count: outW * (last - first))
            gray.withUnsafeBufferPointer { g in
                horiz.weights.withUnsafeBufferPointer { wt in
                    tmp.withUnsafeMutableBufferPointer { t in
                        for y in first..<last {
                            let row = y * width, orow = (y - first) * outW
                            for xx in 0..<outW {
                                let xmin = horiz.xmin[xx], kb = xx * horiz.ksize
                                var ss = 1 << (precisionBits - 1)
                                for x in 0..<horiz.count[xx] { ss += Int(g[row + xmin + x]) &* Int(wt[kb + x]) }
                                t[orow + xx] = clip8(ss)
                            }
                        }
                    }
                }
            }
            if !needV { return tmp }
            src = tmp; srcW = outW; rowBase = first
        }
        var out = [UInt8](repeating: 0, count: outW * outH)
        src.withUnsafeBufferPointer { g in
            vert.weights.withUnsafeBufferPointer { wt in
                out.withUnsafeMutableBufferPointer { o in
                    for yy in 0..<outH {
                        let ymin = vert.xmin[yy] - rowBase, n = vert.count[yy], kb = yy * vert.ksize
                        for xx in 0..<outW {
                            var ss = 1 << (precisionBits - 1)
                            for y in 0..<n { ss += Int(g[(y + ymin) * srcW + xx]) &* Int(wt[kb + y]) }
                            o[yy * outW + xx] = clip8(ss)
                        }
                    }
                }
            }
        }
        return out
    }
}

/// Coefficient tables shared across threads.
final class CoefficientCache: @unchecked Sendable {
    private let lock = NSLock()
    struct Key: Hashable { var inSize: Int; var outSize: Int; var filter: PILResample.Filter }
    private var table: [Key: PILResample.Coefficients] = [:]

    func get(_ key: Key) -> PILResample.Coefficients? {
        lock.lock(); defer { lock.unlock() }
        return table[key]
    }

    func set(_ key: Key, _ value: PILResample.Coefficients) {
        lock.lock(); defer { lock.unlock() }
        if table.count > 4096 { table.removeAll() }
        table[key] = value
    }
}
