import DmanCore
import Foundation

/// A problem with one picture or box that does not stop its crop, reported
/// as ``DmanCore/ProgressEvent/warning(_:)``. Its line names the picture (as
/// the manifest recorded it) and the ``CropOptions`` field concerned.
public enum CropWarning: Sendable, Equatable, NamesFields {
    /// An animated picture: only the first of `frames` frames is cropped.
    case animated(path: String, frames: Int)
    /// The manifest's recorded size differs from the picture's upright size
    /// (`orientation` is the EXIF orientation applied, 1 when none).
    case sizeMismatch(path: String, declaredWidth: Int, declaredHeight: Int, width: Int, height: Int, orientation: Int)
    /// A box below ``CropOptions/minSize`` was skipped.
    case boxTooSmall(path: String, boxIndex: Int, box: String, minSize: Double)
    /// A crop is padded over more than ``CropOptions/maxPad`` of its area.
    case mostlyPadding(path: String, boxIndex: Int, fraction: Double, maxPad: Double)
    /// A crop was enlarged by `factor` from a region of `regionSide` pixels.
    case upscaled(path: String, boxIndex: Int, factor: Double, regionSide: Int)

    public func line(naming name: (String) -> String) -> String {
        func percent(_ f: Double) -> Int { Int((f * 100).rounded()) }
        switch self {
        case .animated(let p, let n):
            return "\(p): \(n) frames (animated); only the first is cropped"
        case .sizeMismatch(let p, let dw, let dh, let w, let h, let o):
            return "\(p): manifest says \(dw)×\(dh) but the picture is \(w)×\(h)"
                + (o > 1 ? " after EXIF orientation \(o)" : "") + "; boxes are read in the picture's upright pixels"
        case .boxTooSmall(let p, let i, let box, let minSize):
            return "\(p): box \(i) \(box) is smaller than \(name("minSize")) \(minSize); skipped"
        case .mostlyPadding(let p, let i, let f, let limit):
            return "\(p): box \(i): crop is \(percent(f))% padding (above \(name("maxPad")) \(percent(limit))%)"
        case .upscaled(let p, let i, let factor, let side):
            return "\(p): box \(i): upscaled \(String(format: "%.1f", factor))× (region \(side) px); may look blurry"
        }
    }
}
