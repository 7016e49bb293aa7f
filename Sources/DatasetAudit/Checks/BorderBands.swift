import DmanCore

/// Detects letterboxing: flat bands of one colour along the picture's edges
/// whose inner boundary is a sharp transition across most of the line (so a
/// sprite standing on a flat background, whose first non-flat line is still
/// mostly background, is not a band, and neither is a gradient background,
/// whose lines are flat but drift and never jump).
///
/// Score: the larger of (top + bottom band rows) / height and
/// (left + right band columns) / width.
enum BorderBands {
    /// A line is flat when every channel spans at most this many levels.
    static let flatRange = 10
    /// Band lines keep the edge line's colour within this many levels (a
    /// gradient background drifts away and is not a band).
    static let bandDrift = 4
    /// The transition line differs from the band colour by more than this (a sharp edge).
    static let jump = 24
    /// The transition line must differ from the band colour on this share of its
    /// pixels (a letterboxed picture fills the whole line; a sprite rarely does).
    static let transitionShare = 0.8

    static func score(_ image: PixelImage) -> Double {
        let w = image.width, h = image.height
        let top = band(count: h, length: w) { line, i in pixel(image, i, line) }
        let bottom = band(count: h, length: w) { line, i in pixel(image, i, h - 1 - line) }
        let left = band(count: w, length: h) { line, i in pixel(image, line, i) }
        let right = band(count: w, length: h) { line, i in pixel(image, w - 1 - line, i) }
        let vertical = min(top + bottom, h)
        let horizontal = min(left + right, w)
        return max(Double(vertical) / Double(h), Double(horizontal) / Double(w))
    }

    @inline(__always) static func pixel(_ image: PixelImage, _ x: Int, _ y: Int) -> (Int, Int, Int) {
        let o = image.offset(x, y)
        return (Int(image.pixels[o]), Int(image.pixels[o + 1]), Int(image.pixels[o + 2]))
    }

    /// Thickness of the band starting at line 0, or 0 when there is none.
    static func band(count: Int, length: Int, _ px: (Int, Int) -> (Int, Int, Int)) -> Int {
        guard let colour = flatColour(length: length, { px(0, $0) }) else { return 0 }
        var thickness = 1
        while thickness < count, let c = flatColour(length: length, { px(thickness, $0) }), close(c, colour, bandDrift) {
            thickness += 1
        }
        guard thickness >= 2, thickness < count else { return 0 }
        var differing = 0
        for i in 0..<length where !close(px(thickness, i), colour, jump) { differing += 1 }
        return Double(differing) >= transitionShare * Double(length) ? thickness : 0
    }

    static func flatColour(length: Int, _ px: (Int) -> (Int, Int, Int)) -> (Int, Int, Int)? {
        var lo = (255, 255, 255), hi = (0, 0, 0), sum = (0, 0, 0)
        for i in 0..<length {
            let p = px(i)
            lo = (min(lo.0, p.0), min(lo.1, p.1), min(lo.2, p.2))
            hi = (max(hi.0, p.0), max(hi.1, p.1), max(hi.2, p.2))
            sum = (sum.0 + p.0, sum.1 + p.1, sum.2 + p.2)
        }
        guard hi.0 - lo.0 <= flatRange, hi.1 - lo.1 <= flatRange, hi.2 - lo.2 <= flatRange else { return nil }
        return (sum.0 / length, sum.1 / length, sum.2 / length)
    }

    @inline(__always) static func close(_ a: (Int, Int, Int), _ b: (Int, Int, Int), _ tolerance: Int) -> Bool {
        abs(a.0 - b.0) <= tolerance && abs(a.1 - b.1) <= tolerance && abs(a.2 - b.2) <= tolerance
    }
}
