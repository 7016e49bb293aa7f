import DmanCore
import Foundation

/// What near-duplicate verification compares: a 64×64 luma thumbnail,
/// lightly blurred, and a foreground weight per pixel.
///
/// The hashes find candidates; this decides them. 64 px keeps the detail
/// that tells male and female art of one unit apart, which 32 px loses; the
/// Gaussian blur (σ ``blurSigma`` px) makes the comparison tolerant of the
/// half-pixel offsets a 1–3 px shift or a 2° rotation leaves at this size.
/// The foreground weight is how far each pixel departs from a plane fitted
/// to the 2 px border ring (a flat or gradient background fits the plane),
/// so two different sprites on the same background do not score as one.
public struct DetailThumbnail: Sendable, Equatable {
    /// Side of the thumbnail, in pixels.
    public static let side = 64
    /// Blur applied after the box downscale (thumbnail pixels).
    public static let blurSigma: Float = 1.0
    /// Departure from the background plane (of 255) that counts as full foreground.
    public static let foregroundScale: Float = 16

    /// Blurred luma, row-major, `side × side`.
    public let luma: [Float]
    /// Foreground weight in 0...1 per pixel.
    public let foreground: [Float]

    /// The thumbnail of a decoded picture (Pillow's `L` conversion, then a box downscale).
    public init(_ image: PixelImage) {
        let s = Self.side
        let small = Resampler.resizePlane(PillowLuma.luma(image), width: image.width, height: image.height,
                                          toWidth: s, toHeight: s, kernel: .box)
        self.init(gray: small.map(Float.init))
    }

    /// The thumbnail of a `side × side` grayscale plane.
    public init(gray: [Float]) {
        precondition(gray.count == Self.side * Self.side, "gray must hold side × side values")
        let blurred = Self.gaussian(gray, side: Self.side, sigma: Self.blurSigma)
        luma = blurred
        foreground = Self.foregroundWeights(blurred, side: Self.side, scale: Self.foregroundScale)
    }

    /// Separable Gaussian blur with edge pixels repeated (SciPy's `mode='nearest'`), radius 4σ.
    static func gaussian(_ v: [Float], side s: Int, sigma: Float) -> [Float] {
        guard sigma > 0 else { return v }
        let r = Int((4 * sigma).rounded())
        let twoVar = 2 * Double(sigma) * Double(sigma)
        var k: [Float] = (-r...r).map { (d: Int) -> Float in Float(exp(-Double(d * d) / twoVar)) }
        let sum = k.reduce(0, +)
        k = k.map { $0 / sum }
        var tmp = [Float](repeating: 0, count: v.count), out = tmp
        for y in 0..<s {
            for x in 0..<s {
                var acc: Float = 0
                for (i, w) in k.enumerated() { acc += w * v[y * s + min(s - 1, max(0, x + i - r))] }
                tmp[y * s + x] = acc
            }
        }
        for y in 0..<s {
            for x in 0..<s {
                var acc: Float = 0
                for (i, w) in k.enumerated() { acc += w * tmp[min(s - 1, max(0, y + i - r)) * s + x] }
                out[y * s + x] = acc
            }
        }
        return out
    }

    /// |pixel − plane| / scale, clipped to 1, where the plane `a + b·x + c·y`
    /// is the least-squares fit to the 2 px border ring.
    static func foregroundWeights(_ v: [Float], side s: Int, scale: Float) -> [Float] {
        // Normal equations of the 3-parameter fit, in Double.
        var m = [Double](repeating: 0, count: 9), rhs = [Double](repeating: 0, count: 3)
        for y in 0..<s {
            for x in 0..<s where x < 2 || y < 2 || x >= s - 2 || y >= s - 2 {
                let f = [1, Double(x), Double(y)], z = Double(v[y * s + x])
                for i in 0..<3 { rhs[i] += f[i] * z; for j in 0..<3 { m[i * 3 + j] += f[i] * f[j] } }
            }
        }
        let c = Self.solve3(m, rhs)
        return (0..<(s * s)).map { i in
            let x = Double(i % s), y = Double(i / s)
            return Float(min(1, abs(Double(v[i]) - (c[0] + c[1] * x + c[2] * y)) / Double(scale)))
        }
    }

    /// Solves a 3×3 system by Cramer's rule (the border-ring matrix is well conditioned).
    static func solve3(_ m: [Double], _ b: [Double]) -> [Double] {
        func det(_ a: [Double]) -> Double {
            a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6])
        }
        let d = det(m)
        guard abs(d) > 1e-12 else { return [b[0] / max(m[0], 1), 0, 0] }
        return (0..<3).map { col in
            var a = m
            for row in 0..<3 { a[row * 3 + col] = b[row] }
            return det(a) / d
        }
    }
}
