import DmanCore

/// Everything that can go wrong in the crop stage, each rendered as one line
/// naming the file (and the JSON path, line or box where it applies).
///
/// Manifest-level errors (``manifestUnreadable(path:reason:)``,
/// ``manifestMalformed(path:detail:)``, ``unknownFormat(path:reason:)``) stop
/// the run; the others concern one picture or one box and are reported while
/// the remaining items are still processed.
public enum CropError: Error, Sendable, Equatable, NamesFields {
    /// The manifest file or folder cannot be read.
    case manifestUnreadable(path: String, reason: String)
    /// The manifest as a whole cannot be parsed (syntax error with line/column,
    /// unsupported version).
    case manifestMalformed(path: String, detail: String)
    /// The manifest's format could not be recognised (``CropOptions/format`` names it).
    case unknownFormat(path: String, reason: String)
    /// One entry of the manifest is wrong (missing field, wrong type); `location`
    /// is a JSON path (`images[3].boxes[0].x`), an XML element or a line.
    case entry(path: String, location: String, message: String)
    /// No picture was found for a manifest entry.
    case pictureNotFound(reference: String, tried: [String])
    /// A picture path leaves the dataset root.
    case pathRefused(reference: String, reason: ConfinedPath.Refusal)
    /// The picture file cannot be read, or is empty.
    case pictureUnreadable(path: String, reason: String)
    /// The picture's bytes are not a readable raster picture (corrupt,
    /// truncated, not an image, above the pixel-area cap).
    case pictureUndecodable(path: String, error: MagickError)
    /// A box is empty, negative, not a number, or outside the picture.
    case invalidBox(path: String, boxIndex: Int, box: String, reason: BoxResolver.Rejection.Reason)
    /// Writing the output failed.
    case output(path: String, reason: String)
    /// The output folder holds something other than a crop dataset.
    case outputNotCropDataset(path: String, reason: String)

    public func line(naming name: (String) -> String) -> String {
        switch self {
        case .manifestUnreadable(let p, let r): return "\(p): cannot read manifest: \(r)"
        case .manifestMalformed(let p, let d): return "\(p): \(d)"
        case .unknownFormat(let p, let r): return "\(p): unknown manifest format (\(r)); use \(name("format"))"
        case .entry(let p, let l, let m): return "\(p): \(l): \(m)"
        case .pictureNotFound(let r, let tried):
            return "\(r): picture not found (looked for \(tried.joined(separator: ", ")))"
        case .pathRefused(let r, let reason):
            return "\(r): \(reason)" + (reason == .empty ? "" : " (use \(name("allowOutside")))")
        case .pictureUnreadable(let p, let r): return "\(p): \(r)"
        case .pictureUndecodable(let p, let e):
            switch e.kind {
            case .tooLarge(let w, let h, let limit):
                return "\(p): \(w)×\(h) pixels is above the pixel-area cap of \(limit); skipped"
            default: return "\(p): not a readable picture: \(e.message)"
            }
        case .invalidBox(let p, let i, let b, let r): return "\(p): box \(i) \(b): \(r.line(naming: name))"
        case .output(let p, let r): return "\(p): \(r)"
        case .outputNotCropDataset(let p, let r): return "\(p): \(r)"
        }
    }

    /// Whether the error ends the whole run rather than one item.
    public var isFatal: Bool {
        switch self {
        case .manifestUnreadable, .manifestMalformed, .unknownFormat, .output, .outputNotCropDataset: return true
        default: return false
        }
    }
}
