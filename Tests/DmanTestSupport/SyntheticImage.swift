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
}
