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

    /// One-line description of any error thrown by `JSONDecoder`; pass the
    /// document's bytes to have syntax errors located by line and column.
    public static func describe(_ error: Error, in data: Data? = nil) -> String {
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
                if let data, let located = syntaxError(in: data) { return "malformed JSON: \(located)" }
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

    /// Locates a syntax error as `line L, column C: reason` by re-parsing
    /// with JSONSerialization, whose message gives a character offset.
    public static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            guard let range = text.range(of: #"character (\d+)"#, options: .regularExpression),
                  let offset = Int(text[range].split(separator: " ")[1]) else { return text }
            var line = 1, column = 1
            for (i, byte) in data.enumerated() {
                if i >= offset { break }
                if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            let reason = text.replacingOccurrences(of: #" around character \d+\.?"#, with: "", options: .regularExpression)
            return "line \(line), column \(column): \(reason)"
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
