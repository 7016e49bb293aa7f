import DmanCore
import GANCore

/// Seeded pictures of one coloured disc on a dark background.
enum SyntheticDiscs {
    static let colours: [(UInt8, UInt8, UInt8)] = [(230, 40, 40), (40, 200, 60), (50, 80, 230)]

    static func images(count: Int, size: Int, seed: UInt64) -> [PixelImage] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var img = PixelImage(width: size, height: size, channels: 3)
            let c = colours[Int(rng.next() % 3)]
            let r = Double(size) * (0.22 + 0.12 * rng.nextUnitDouble())
            let cx = r + (Double(size) - 2 * r) * rng.nextUnitDouble(), cy = r + (Double(size) - 2 * r) * rng.nextUnitDouble()
            for y in 0..<size { for x in 0..<size {
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                img[x, y] = dx * dx + dy * dy <= r * r ? [c.0, c.1, c.2] : [20, 20, 24]
            } }
            return img
        }
    }

    /// Normalised 4×4×4 colour histogram of channel-major `[3, N, S, S]` values in [−1, 1].
    static func histogram(_ t: Tensor) -> [Double] {
        let n = t.shape[1], area = t.shape[2] * t.shape[3]
        var h = [Double](repeating: 0, count: 64)
        for b in 0..<n { for p in 0..<area {
            var bin = 0
            for c in 0..<3 {
                let v = Int((t[(c * n + b) * area + p] + 1) * 2)  // 0…3
                bin = bin * 4 + max(0, min(3, v))
            }
            h[bin] += 1
        } }
        return h.map { $0 / Double(n * area) }
    }

    static func distance(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) } }
}
