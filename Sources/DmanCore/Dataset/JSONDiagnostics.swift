import Foundation

/// Turns Foundation's decoding errors into one line naming the JSON path
/// (`records[3].provenance.box.x`) or the line and column of a syntax error.
public enum JSONDiagnostics {
    /// `records[3].box.x` style path of a coding path.
    public static func path(_ codingPath: [CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let i = key.intValue { out += "[\(i)]" } else { out += out.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return out.isEmpty ? "(top level)" : out
    }

    /// One-line description of any error thrown by `JSONDecoder`.
    public static func describe(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return String(describing: error) }
        switch e {
        case .typeMismatch(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(typeName(type)) (\(ctx.debugDescription))"
        case .valueNotFound(let type, let ctx):
            return "\(path(ctx.codingPath)): missing \(typeName(type)) value"
        case .keyNotFound(let key, let ctx):
            return "\(path(ctx.codingPath + [key])): required field is missing"
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty {
                let detail = (ctx.underlyingError as NSError?).map { underlying in
                    (underlying.userInfo[NSDebugDescriptionErrorKey] as? String) ?? underlying.localizedDescription
                } ?? ctx.debugDescription
                return "malformed JSON: \(detail)"
            }
            return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            return String(describing: e)
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type, is Int.Type, is UInt64.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let n = String(describing: type)
            if n.hasPrefix("Array") { return "an array" }
            if n.hasPrefix("Dictionary") { return "an object" }
            return n
        }
    }
}
