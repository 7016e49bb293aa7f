import Foundation
import DmanCore

/// Everything the audit measures on one decoded image; cached beside the
/// dataset (keyed by the file's content digest) so reruns skip decoding.
///
/// Scores follow cleanvision (`issue_managers/image_property.py`) where it
/// has the issue type; ``AuditThresholds`` documents each threshold.
public struct ImageMeasures: Sendable, Codable, Equatable {
    public var width: Int
    public var height: Int
    public var hasAlpha: Bool
    /// ``ContentDigest`` of size + channels + pixels: equal means identical pixels.
    public var pixelDigest: String
    /// Perceptual hashes by ``PerceptualHash/Kind`` raw value, as 16 hex digits.
    public var hashes: [String: String]
    /// 99th / 5th percentile of per-pixel brightness √(.241R²+.691G²+.068B²)/255 (within 1/1024).
    public var brightnessP99: Double?
    public var brightnessP5: Double?
    /// Shannon entropy (bits) of the 768-bin RGB histogram (Pillow's `Image.entropy()`).
    public var entropy: Double?
    /// √variance of the 3×3 edge filter on a ≤ 64 px luma thumbnail (cleanvision's blurriness).
    public var blurriness: Double?
    /// Standard deviation of that thumbnail's 256-bin histogram counts.
    public var grayHistogramStd: Double?
    /// Fraction of pixels whose channels differ by more than 12 levels.
    public var colourFraction: Double?
    /// Flat border bands: largest (top+bottom)/height or (left+right)/width.
    public var borderBand: Double?
    /// Fraction of pixels with alpha < 255 (0 without alpha).
    public var transparentFraction: Double?

    /// The stored hash of `kind`, if computed.
    public func hash(_ kind: PerceptualHash.Kind) -> UInt64? {
        hashes[kind.rawValue].flatMap { UInt64($0, radix: 16) }
    }
}

/// Computes ``ImageMeasures``.
package enum ImageAnalyzer {
    /// Measures `image`; `hashKinds` lists the hashes to compute and
    /// `qualityChecks` whether the per-image quality scores are needed.
    package static func measure(_ image: PixelImage, hashKinds: [PerceptualHash.Kind], qualityChecks: Bool) -> ImageMeasures {
        let digest = image.pixels.withUnsafeBytes { ContentDigest.hex($0, salt: UInt64(image.width) << 32 | UInt64(image.height) << 3 | UInt64(image.channels)) }
        var hashes: [String: String] = [:]
        if !hashKinds.isEmpty {
            let gray32 = Thumbnail.gray32(image)
            for kind in hashKinds { hashes[kind.rawValue] = PerceptualHash.hex(PerceptualHash.hash(gray32: gray32, kind: kind)) }
        }
        var m = ImageMeasures(width: image.width, height: image.height, hasAlpha: image.hasAlpha, pixelDigest: digest,
                              hashes: hashes)
        guard qualityChecks else { return m }
        let luma = PillowLuma.luma(image)
        let (p99, p5, entropy, colour, transparent) = pixelStatistics(image)
        m.brightnessP99 = p99
        m.brightnessP5 = p5
        m.entropy = entropy
        m.colourFraction = colour
        m.transparentFraction = transparent
        let (blur, std) = BlurMeasure.measure(luma: luma, width: image.width, height: image.height)
        m.blurriness = blur
        m.grayHistogramStd = std
        m.borderBand = BorderBands.score(image)
        return m
    }

    /// Brightness percentiles, RGB entropy, colour and transparency fractions in one pass.
    static func pixelStatistics(_ image: PixelImage) -> (Double, Double, Double, Double, Double) {
        let bins = 1024
        var brightness = [Int](repeating: 0, count: bins + 1)
        var hist = [Int](repeating: 0, count: 768)
        var colourful = 0, transparent = 0
        let ch = image.channels, n = image.area
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let r = Int(p[i * ch]), g = Int(p[i * ch + 1]), b = Int(p[i * ch + 2])
                hist[r] += 1; hist[256 + g] += 1; hist[512 + b] += 1
                let q = (0.241 * Double(r * r) + 0.691 * Double(g * g) + 0.068 * Double(b * b)).squareRoot() / 255
                brightness[min(bins, Int(q * Double(bins) + 0.5))] += 1
                if max(abs(r - g), abs(g - b), abs(r - b)) > 12 { colourful += 1 }
                if ch == 4 && p[i * 4 + 3] < 255 { transparent += 1 }
            }
        }
        func percentile(_ pct: Double) -> Double {
            let rank = Int((pct / 100 * Double(n - 1)).rounded(.down))
            var acc = 0
            for (i, c) in brightness.enumerated() { acc += c; if acc > rank { return Double(i) / Double(bins) } }
            return 1
        }
        var entropy = 0.0
        let total = Double(3 * n)
        for c in hist where c > 0 { let p = Double(c) / total; entropy -= p * log2(p) }
        return (percentile(99), percentile(5), entropy, Double(colourful) / Double(n), Double(transparent) / Double(n))
    }
}
