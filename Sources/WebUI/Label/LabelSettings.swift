import Crop
import Foundation

/// What the label page needs besides the pictures: label names and crop geometry.
public struct LabelSettings: Sendable, Codable, Equatable {
    /// Names for keys 1–9, in order.
    public var labels: [String]
    /// Crop's margin (square side = max(w, h) × (1 + margin)).
    public var margin: Double
    /// Crop's shift-inside-the-frame switch.
    public var shift: Bool
    /// Crop's `--max-pad`: the preview warns above this padded fraction.
    public var maxPad: Double

    public init(labels: [String] = ["character"], margin: Double = CropOptions().margin,
                shift: Bool = true, maxPad: Double = CropOptions().maxPad) {
        (self.labels, self.margin, self.shift, self.maxPad) = (labels, margin, shift, maxPad)
    }

    /// The planner `dman crop` builds from the same options.
    var planner: SquareCropPlanner { SquareCropPlanner(margin: margin, shift: shift) }
}

/// The crop a box will give, as `dman crop` plans it.
struct CropPreview: Codable, Equatable {
    let x: Int, y: Int, side: Int
    /// Fraction of the square lying outside the picture (filled by padding).
    let pad: Double
    let overMaxPad: Bool

    init(box: LabelBox, width: Int, height: Int, settings: LabelSettings) {
        let r = settings.planner.plan(box: .init(x: box.x, y: box.y, width: box.w, height: box.h), width: width, height: height)
        (x, y, side) = (r.x, r.y, r.side)
        pad = r.padFraction(width: width, height: height)
        overMaxPad = pad > settings.maxPad
    }
}
