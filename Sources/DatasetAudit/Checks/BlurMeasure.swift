import DmanCore
import Foundation

/// cleanvision's blurriness: the picture shrunk so its longer side is at most
/// 64 px (Pillow bicubic; here applied to luma, cleanvision shrinks RGB first),
/// Pillow's `FIND_EDGES` 3×3 filter (8·centre − 8 neighbours, clipped to
/// 0…255, border pixels copied), then √variance of the edge image; plus the
/// standard deviation of the thumbnail's 256-bin histogram, which cleanvision
/// uses to spare flat images (those are "low information" instead).
enum BlurMeasure {
    static let maxSide = 64

    static func measure(luma: [UInt8], width: Int, height: Int) -> (blurriness: Double, histogramStd: Double) {
        var g = luma, w = width, h = height
        let ratio = Double(max(width, height)) / Double(maxSide)
        if ratio > 1 {
            w = max(Int((Double(width) / ratio).rounded(.down)), 1)
            h = max(Int((Double(height) / ratio).rounded(.down)), 1)
            g = Resampler.resizePlane(luma, width: width, height: height, toWidth: w, toHeight: h, kernel: .bicubic)
        }
        var edges = g
        if w >= 3 && h >= 3 {
            for y in 1..<(h - 1) {
                for x in 1..<(w - 1) {
                    var s = 8 * Int(g[y * w + x])
                    for dy in -1...1 { for dx in -1...1 where dx != 0 || dy != 0 { s -= Int(g[(y + dy) * w + x + dx]) } }
                    edges[y * w + x] = UInt8(max(0, min(255, s)))
                }
            }
        }
        let n = Double(edges.count)
        var sum = 0.0, sum2 = 0.0
        for v in edges { let d = Double(v); sum += d; sum2 += d * d }
        let variance = max(0, sum2 / n - (sum / n) * (sum / n))
        var hist = [Double](repeating: 0, count: 256)
        for v in g { hist[Int(v)] += 1 }
        let mean = hist.reduce(0, +) / 256
        let hvar = hist.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 256
        return (variance.squareRoot(), hvar.squareRoot())
    }
}
