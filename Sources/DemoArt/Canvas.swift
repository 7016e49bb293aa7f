import DmanCore
import Foundation

/// A floating-point RGB canvas with antialiased shape filling, used to paint
/// the demo's procedural mascots (coverage from signed distances).
struct Canvas {
    let width: Int
    let height: Int
    var rgb: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        rgb = [Float](repeating: 0, count: width * height * 3)
    }

    /// Fills every pixel from a colour function of (x, y).
    mutating func paint(_ color: (Int, Int) -> (Float, Float, Float)) {
        for y in 0..<height {
            for x in 0..<width {
                let c = color(x, y)
                let o = (y * width + x) * 3
                rgb[o] = c.0; rgb[o + 1] = c.1; rgb[o + 2] = c.2
            }
        }
    }

    /// Blends `color` where the signed distance `sd(x, y)` (pixels, negative
    /// inside) is below 0.5, within the given bounds.
    mutating func fill(bounds: (x0: Double, y0: Double, x1: Double, y1: Double), color: (Float, Float, Float),
                       sd: (Double, Double) -> Double) {
        let xa = max(0, Int(bounds.x0) - 2), xb = min(width - 1, Int(bounds.x1) + 2)
        let ya = max(0, Int(bounds.y0) - 2), yb = min(height - 1, Int(bounds.y1) + 2)
        guard xa <= xb, ya <= yb else { return }
        for y in ya...yb {
            for x in xa...xb {
                let d = sd(Double(x) + 0.5, Double(y) + 0.5)
                let a = Float(min(1, max(0, 0.5 - d)))
                if a <= 0 { continue }
                let o = (y * width + x) * 3
                rgb[o] += (color.0 - rgb[o]) * a
                rgb[o + 1] += (color.1 - rgb[o + 1]) * a
                rgb[o + 2] += (color.2 - rgb[o + 2]) * a
            }
        }
    }

    /// An ellipse centred at (cx, cy) with radii (rx, ry).
    mutating func ellipse(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double, _ color: (Float, Float, Float)) {
        fill(bounds: (cx - rx, cy - ry, cx + rx, cy + ry), color: color) { x, y in
            let nx = (x - cx) / rx, ny = (y - cy) / ry
            let k = (nx * nx + ny * ny).squareRoot()
            return (k - 1) * min(rx, ry)
        }
    }

    /// A thick line with round caps (a capsule).
    mutating func capsule(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, radius: Double,
                          _ color: (Float, Float, Float)) {
        let bounds = (min(ax, bx) - radius, min(ay, by) - radius, max(ax, bx) + radius, max(ay, by) + radius)
        fill(bounds: bounds, color: color) { x, y in
            let px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay
            let t = max(0, min(1, (px * dx + py * dy) / max(1e-9, dx * dx + dy * dy)))
            let ex = px - dx * t, ey = py - dy * t
            return (ex * ex + ey * ey).squareRoot() - radius
        }
    }

    /// Converts to an 8-bit image (values clamped to 0...255).
    func pixelImage() -> PixelImage {
        PixelImage(width: width, height: height, channels: 3,
                   pixels: rgb.map { UInt8(max(0, min(255, $0.rounded()))) })
    }
}
