import DmanCore

/// Everything that can go wrong in `Augment`, one line each, naming the file
/// (and the JSON path or flag) involved.
public enum AugmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A plan value is out of range or unparsable (`what` names the flag or field).
    case invalidParameter(what: String, detail: String)
    /// A recorded transform cannot be decoded or is unknown.
    case unknownTransform(name: String, detail: String)
    /// The input folder has no images, or cannot be read.
    case input(path: String, detail: String)
    /// Two planned outputs would share a name.
    case duplicateOutput(id: String, parents: [String])
    /// One image failed to decode, transform or encode.
    case image(path: String, error: MagickError)
    /// A dataset folder could not be read or written.
    case dataset(DatasetError)
    /// A file could not be written.
    case write(FileError)
    /// Replay found no record or no parent.
    case replay(detail: String)

    public var description: String {
        switch self {
        case .invalidParameter(let w, let d): return "\(w): \(d)"
        case .unknownTransform(let n, let d): return "transform \(n): \(d)"
        case .input(let p, let d): return "\(p): \(d)"
        case .duplicateOutput(let id, let parents):
            return "output name \(id) would be written for several sources (\(parents.joined(separator: ", "))); rename one of them"
        case .image(let p, let e): return "\(p): \(e.description)"
        case .dataset(let e): return e.description
        case .write(let e): return e.description
        case .replay(let d): return "replay: \(d)"
        }
    }
}
