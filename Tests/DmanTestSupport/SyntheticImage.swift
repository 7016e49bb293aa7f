import DmanCore
import Foundation

/// Seeded synthetic pictures for tests: smooth gradients with texture, so
/// that every pixel differs from its neighbours and no border is flat.
public enum SyntheticImage {
    /// A textured RGB picture; the same seed gives the same pixels.
    public static func textured(width: Int, height: Int, seed: UInt64) -> PixelImage {
        var rng = SplitMix64(seed: seed)
        let fx = 0.05 + rng.nextUnitDouble() * 0.2, fy = 0.05 + rng.nextUnitDouble() * 0.2
        let base = (0..<3).map { _ in 40 + rng.nextUnitDouble() * 150 }
        var image = PixelImage(width: width, height: height, channels: 3)
        for y in 0..<height {
            for x in 0..<width {
                let o = image.offset(x, y)
                for c in 0..<3 {
                    let wave = 40 * sin(Double(x) * fx * Double(c + 1)) + 30 * cos(Double(y) * fy * Double(3 - c))
                    let noise = Double(rng.next() % 17)
                    image.pixels[o + c] = UInt8(max(0, min(255, base[c] + wave + noise)))
                }
            }
        }
        return image
    }

    /// A seeded blob "character" (a random radial outline in two striped
    /// colours) centred at (side/2 + dx, side/2 + dy) on a flat background:
    /// different seeds are different characters on the same background.
    public static func sprite(_ seed: UInt64, side: Int = 128, background: [UInt8] = [90, 140, 200],
                              dx: Int = 0, dy: Int = 0) -> PixelImage {
        var rng = SplitMix64(seed: seed)
        let radii = (0..<12).map { _ in Double(side) * (0.14 + Double(rng.next() % 22) / 128) }
        let c1: [UInt8] = (0..<3).map { _ in UInt8(rng.next() % 200) }
        let c2: [UInt8] = (0..<3).map { _ in UInt8(55 + rng.next() % 200) }
        var img = PixelImage(width: side, height: side)
        for y in 0..<side {
            for x in 0..<side {
                let fx = Double(x - side / 2 - dx), fy = Double(y - side / 2 - dy)
                let angle = (atan2(fy, fx) + .pi) / (2 * .pi) * 12
                let k = Int(angle) % 12, t = angle - Double(Int(angle))
                let r = radii[k] * (1 - t) + radii[(k + 1) % 12] * t
                let px: [UInt8] = (fx * fx + fy * fy).squareRoot() > r ? background : (Int(fx + fy + 1000) / 6 % 2 == 0 ? c1 : c2)
                for c in 0..<3 { img.pixels[(y * side + x) * 3 + c] = px[c] }
            }
        }
        return img
    }
}
