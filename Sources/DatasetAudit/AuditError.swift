/// Errors that stop an audit (findings about images are never errors).
public enum AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder or its `dataset.json` cannot be read.
    case unreadableDataset(path: String, reason: String)
    /// An image could not be moved into or out of quarantine.
    case move(path: String, reason: String)
    /// `dataset.json` or the journal could not be written.
    case write(path: String, reason: String)
    /// A quarantine journal from an interrupted run is inconsistent.
    case journal(path: String, detail: String)
    /// An image could not be read (a finding; reported while the audit goes on).
    case unreadableImage(path: String, reason: String)
    /// One setting's value is not allowed: the field, the value given, what it must be.
    case invalidValue(field: String, value: String, rule: String)
    /// A request that cannot be met (bad batch size, unknown record, ...).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .unreadableDataset(let p, let r):
            // A DatasetError's text already starts with the path: name it once.
            return "\(p): cannot audit: " + (r.hasPrefix(p + ": ") ? String(r.dropFirst(p.count + 2)) : r)
        case .move(let p, let r): return "\(p): cannot move: \(r)"
        // A FileError reason already says what failed ("cannot write: …", "cannot create: …").
        case .write(let p, let r): return r.hasPrefix("cannot ") ? "\(p): \(r)" : "\(p): cannot write: \(r)"
        case .journal(let p, let d): return "\(p): quarantine journal: \(d)"
        case .unreadableImage(let p, let r): return "\(p): \(r)"
        case .invalidValue(let f, let v, let r): return "\(f) = \(v): \(r)"
        case .invalidRequest(let m): return m
        }
    }
}
