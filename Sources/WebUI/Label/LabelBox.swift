import Foundation

/// One box as the label page sends and the native manifest stores it, in
/// the picture's EXIF-oriented pixel coordinates (the ones `dman crop` uses).
public struct LabelBox: Codable, Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var w: Double
    public var h: Double
    public var label: String?

    public init(x: Double, y: Double, w: Double, h: Double, label: String? = nil) {
        (self.x, self.y, self.w, self.h, self.label) = (x, y, w, h, label)
    }

    /// Whether every number is finite and the size positive.
    var isValid: Bool { [x, y, w, h].allSatisfy(\.isFinite) && w > 0 && h > 0 && (label?.count ?? 0) <= 200 }
}

/// Errors of the label and review servers.
public enum WebUIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another page saved this picture first; the sender must reload it.
    case staleRevision(picture: String, expected: Int, got: Int)
    /// The manifest file changed on disk since this server last wrote it.
    case manifestChangedOnDisk(path: String)
    /// The manifest could not be read when the server started.
    case manifestUnreadable(path: String, detail: String)
    /// A request body was not the expected JSON.
    case badRequest(String)
    /// Writing failed.
    case writeFailed(path: String, reason: String)
    /// A listed picture could not be read or decoded.
    case unreadablePicture(path: String, detail: String)
    /// The folder to label holds no picture.
    case noPictures(folder: String)
    /// The file given as an audit report is not a `dman audit --json` document.
    case notAnAuditReport(file: String, detail: String)

    public var description: String {
        switch self {
        case .staleRevision(let p, let e, let g):
            return "\(p) was saved by another page (revision \(e), this page had \(g)); reload to see its boxes"
        case .manifestChangedOnDisk(let p): return "\(p): changed on disk by another writer; reload the page"
        case .manifestUnreadable(let p, let d): return d.hasPrefix(p) ? d : "\(p): \(d)"
        case .badRequest(let d): return "bad request: \(d)"
        case .writeFailed(let p, let r): return "\(p): \(r)"
        case .unreadablePicture(let p, let d): return "\(p): \(d)"
        case .noPictures(let f): return "\(f): no pictures to label"
        case .notAnAuditReport(let f, let d): return "\(f): not a dman audit --json report (\(d))"
        }
    }
}
