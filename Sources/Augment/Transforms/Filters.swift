/// Unsharp mask with ImageMagick's `-unsharp RADIUSxSIGMA+GAIN+THRESHOLD`
/// semantics (radius 0 = chosen from sigma; threshold is a fraction of the range).
public struct UnsharpMask: TransformParameters {
    public static let name = "unsharp"
    public var radius: Double
    public var sigma: Double
    public var gain: Double
    public var threshold: Double

    public init(radius: Double = 0, sigma: Double = 1, gain: Double = 1, threshold: Double = 0.05) {
        self.radius = radius
        self.sigma = sigma
        self.gain = gain
        self.threshold = threshold
    }

    /// Parses `RADIUSxSIGMA[+GAIN[+THRESHOLD]]` (`0x1+1+0.05`); missing parts
    /// take ImageMagick's defaults (sigma 1, gain 1, threshold 0.05).
    public init(parsing text: String) throws(AugmentError) {
        let bad = AugmentError.invalidParameter(
            what: "unsharp", detail: "cannot read \(text) as RADIUSxSIGMA+GAIN+THRESHOLD (e.g. 0x1+1+0.05)")
        let parts = text.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        let rs = parts[0].lowercased().split(separator: "x", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 3, rs.count <= 2, !rs[0].isEmpty else { throw bad }
        func number(_ s: String) throws(AugmentError) -> Double {
            guard let v = Double(s) else { throw bad }
            return v
        }
        self.init(radius: try number(rs[0]), sigma: rs.count == 2 ? try number(rs[1]) : 1,
                  gain: parts.count > 1 ? try number(parts[1]) : 1,
                  threshold: parts.count > 2 ? try number(parts[2]) : 0.05)
        try validate()
    }

    public func validate() throws(AugmentError) {
        guard radius.isFinite, radius >= 0, radius <= 50, sigma.isFinite, sigma > 0, sigma <= 50,
              gain.isFinite, gain >= 0, gain <= 20, threshold.isFinite, threshold >= 0, threshold <= 1 else {
            throw .invalidParameter(what: "unsharp", detail: "\(geometry) needs radius 0…50, sigma (0, 50], gain 0…20, threshold 0…1")
        }
    }

    /// The ImageMagick geometry string (`0x1+1+0.05`).
    public var geometry: String {
        "\(formatNumber(radius))x\(formatNumber(sigma))+\(formatNumber(gain))+\(formatNumber(threshold))"
    }

    public var token: String { "usm" }
}

/// Brightness change by `percent` (−3 = 3 % darker), ImageMagick `-modulate` (HSL lightness).
public struct Brightness: TransformParameters {
    public static let name = "brightness"
    public var percent: Double

    public init(percent: Double) { self.percent = percent }

    public func validate() throws(AugmentError) {
        guard percent.isFinite, abs(percent) <= 50 else {
            throw .invalidParameter(what: "brightness.percent", detail: "\(percent) is outside -50…50")
        }
    }

    public var token: String { "b" + formatNumber(percent, signed: true) }
}

/// Saturation change by `percent`, ImageMagick `-modulate 100,S` (HSL saturation).
public struct Saturation: TransformParameters {
    public static let name = "saturation"
    public var percent: Double

    public init(percent: Double) { self.percent = percent }

    public func validate() throws(AugmentError) {
        guard percent.isFinite, abs(percent) <= 50 else {
            throw .invalidParameter(what: "saturation.percent", detail: "\(percent) is outside -50…50")
        }
    }

    public var token: String { "c" + formatNumber(percent, signed: true) }
}

/// Final resize to exactly `width`×`height` with ImageMagick's Lanczos filter
/// (`-filter Lanczos -resize WxH!`).
public struct Resize: TransformParameters {
    public static let name = "resize"
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public func validate() throws(AugmentError) {
        guard width >= 1, height >= 1, width <= 16384, height <= 16384 else {
            throw .invalidParameter(what: "resize", detail: "\(width)x\(height) must be 1…16384 on each side")
        }
    }

    public var token: String { "\(width)px" }
}
