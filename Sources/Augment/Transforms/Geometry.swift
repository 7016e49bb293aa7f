/// How a rotation, zoom-out or shift fills the canvas where the picture no
/// longer reaches. None of them ever leaves a blank, black or transparent corner.
public enum GeometryFill: String, Sendable, Codable, CaseIterable {
    /// Repeat the nearest edge pixel (ImageMagick `-virtual-pixel Edge`).
    case edge
    /// Reflect the picture at its border (`-virtual-pixel Mirror`).
    case mirror
    /// Zoom in just enough that every output pixel comes from inside the
    /// picture (largest inscribed square for a rotation, inset by 1 px so the
    /// resampling filter reads picture pixels too): no invented pixels.
    case crop
}

/// Rotation about the centre by `angle` degrees (positive = clockwise, as
/// ImageMagick's `-distort SRT angle`), keeping the canvas size.
public struct Rotate: TransformParameters {
    public static let name = "rotate"
    /// Degrees, clockwise; |angle| ≤ 45.
    public var angle: Double
    public var fill: GeometryFill

    public init(angle: Double, fill: GeometryFill = .edge) {
        self.angle = angle
        self.fill = fill
    }

    public func validate() throws(AugmentError) {
        guard angle.isFinite, abs(angle) <= 45 else {
            throw .invalidParameter(what: "rotate.angle", detail: "\(angle) is outside -45…45 degrees")
        }
    }

    public var token: String { "r" + formatNumber(angle, signed: true) }
}

/// Zoom about the centre by `factor` (> 1 enlarges), keeping the canvas size.
public struct Scale: TransformParameters {
    public static let name = "scale"
    /// Zoom factor in 0.5…2.
    public var factor: Double
    public var fill: GeometryFill

    public init(factor: Double, fill: GeometryFill = .edge) {
        self.factor = factor
        self.fill = fill
    }

    public func validate() throws(AugmentError) {
        guard factor.isFinite, factor >= 0.5, factor <= 2 else {
            throw .invalidParameter(what: "scale.factor", detail: "\(factor) is outside 0.5…2")
        }
    }

    public var token: String { "s" + formatNumber(factor) }
}

/// Translation by (`x`, `y`) pixels of the input (positive = right, down).
public struct Shift: TransformParameters {
    public static let name = "shift"
    public var x: Double
    public var y: Double
    public var fill: GeometryFill

    public init(x: Double, y: Double, fill: GeometryFill = .edge) {
        self.x = x
        self.y = y
        self.fill = fill
    }

    public func validate() throws(AugmentError) {
        guard x.isFinite, y.isFinite, abs(x) <= 4096, abs(y) <= 4096 else {
            throw .invalidParameter(what: "shift", detail: "(\(x), \(y)) is not a finite shift of at most 4096 px")
        }
    }

    public var token: String { "t" + formatNumber(x, signed: true) + "," + formatNumber(y, signed: true) }
}

/// Horizontal mirror (ImageMagick `-flop`); exact, no resampling.
public struct Flip: TransformParameters {
    public static let name = "flip"
    /// Always `true` today; kept so that a vertical flip can be added without changing the format.
    public var horizontal: Bool

    public init(horizontal: Bool = true) { self.horizontal = horizontal }

    public func validate() throws(AugmentError) {
        guard horizontal else { throw .invalidParameter(what: "flip.horizontal", detail: "only horizontal flips are supported") }
    }

    public var token: String { "flip" }
}
