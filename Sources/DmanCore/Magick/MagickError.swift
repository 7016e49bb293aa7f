internal import CMagickWand

/// An error reported by ImageMagick or by dman's guard in front of it.
public struct MagickError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in categories the CLI can map to messages.
    public enum Kind: Sendable, Equatable {
        /// The bytes are not one of the readable raster formats.
        case unsupportedFormat
        /// The image header declares more pixels than the configured cap.
        case tooLarge(width: Int, height: Int, limit: Int)
        /// The coder failed (corrupt, truncated, ...).
        case decode
        /// An operation on a decoded image failed.
        case operation
        /// Encoding to PNG failed.
        case encode
    }

    public let kind: Kind
    /// ImageMagick's own message, or dman's.
    public let message: String
    /// The operation that failed (`read`, `resize`, ...).
    public let operation: String

    public init(kind: Kind, message: String, operation: String) {
        self.kind = kind
        self.message = message
        self.operation = operation
    }

    public var description: String { "\(operation): \(message)" }

    /// Reads and clears the wand's pending exception.
    static func from(wand: OpaquePointer, kind: Kind, operation: String) -> MagickError {
        var severity = UndefinedException
        // A cut PNG fails with no exception text: say what it usually means.
        var message = kind == .decode ? "cannot decode (truncated or corrupt file)" : "unknown ImageMagick error"
        if let text = MagickGetException(wand, &severity) {
            let s = String(cString: text)
            if !s.isEmpty { message = s }
            MagickRelinquishMemory(text)
        }
        MagickClearException(wand)
        return MagickError(kind: kind, message: message, operation: operation)
    }
}
