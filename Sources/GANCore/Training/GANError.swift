import DmanCore

/// Everything that can stop training or generation; each case renders as one
/// line naming the file or the ``DCGANConfig`` field concerned.
public enum GANError: Error, Sendable, Equatable, NamesFields {
    /// A combination of settings is not allowed (the text names the fields).
    case invalidConfig(String)
    /// One setting's value is not allowed: `field` is the ``DCGANConfig``
    /// (or call) property, `value` the value given, `rule` what it must be.
    case invalidValue(field: String, value: String, rule: String)
    /// The training folder holds no usable images.
    case noImages(folder: String, pattern: String?)
    /// Fewer images than one minibatch.
    case tooFewImages(folder: String, count: Int, batch: Int)
    /// An image does not have the training size (and ``DCGANConfig/resize`` is off).
    case sizeMismatch(file: String, width: Int, height: Int, expected: Int)
    /// An image could not be read or decoded.
    case unreadableImage(file: String, reason: String)
    /// `dataset.json` is invalid or names something missing.
    case dataset(String)
    /// A checkpoint is missing, truncated or does not fit the networks.
    case checkpoint(file: String, reason: String)
    /// The run folder was made with different networks.
    case configMismatch(file: String, detail: String)
    /// Writing a file failed.
    case write(file: String, reason: String)
    /// Another dman process holds the run folder's lock (the whole line, naming folder and pid).
    case folderInUse(String)

    public func line(naming name: (String) -> String) -> String {
        switch self {
        case .invalidConfig(let m), .folderInUse(let m): return m
        case .invalidValue(let f, let v, let r): return "\(f) = \(v): \(r)"
        case .noImages(let f, let p):
            return "\(f): no images found" + (p.map { " matching '\($0)'" } ?? " (png, jpeg, gif, bmp, tiff, webp)")
        case .tooFewImages(let f, let c, let b): return "\(f): \(c) images, fewer than one batch of \(b)"
        case .sizeMismatch(let f, let w, let h, let e):
            return "\(f): image is \(w)×\(h), training needs \(e)×\(e) (use \(name("resize")) to scale it)"
        case .unreadableImage(let f, let r): return "\(f): cannot read image: \(r)"
        case .dataset(let m): return m
        case .checkpoint(let f, let r): return "\(f): bad checkpoint: \(r)"
        case .configMismatch(let f, let d): return "\(f): run folder was made with different networks (\(d)); use a new run folder"
        // A FileError reason already says what failed ("cannot write: …", "cannot create: …").
        case .write(let f, let r): return r.hasPrefix("cannot ") ? "\(f): \(r)" : "\(f): cannot write: \(r)"
        }
    }

    init(_ e: FileError) { self = .write(file: e.path, reason: e.reason) }
}
