import DmanCore
import Foundation

/// A JSON value together with its path from the document root, so that every
/// type error names the exact place (`images[3].boxes[0].x`).
package struct JSONCursor {
    package let value: JSONValue
    package let path: String
    package let file: String

    /// Parses a whole document; syntax errors name the line and column.
    ///
    /// Parsed with `JSONSerialization`, not `JSONDecoder` into ``JSONValue``:
    /// that decoder finds each value's type by trying and throwing, about
    /// 20 µs per box on Linux (100 000 boxes took 18 s; now well under 1 s).
    package static func parse(_ data: Data, file: String) throws(CropError) -> JSONCursor {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw .manifestMalformed(path: file, detail: syntaxDetail(data) ?? JSONDiagnostics.describe(error))
        }
        return JSONCursor(value: value(object), path: "", file: file)
    }

    /// The ``JSONValue`` of a `JSONSerialization` result (booleans are `NSNumber`s of type `c`).
    package static func value(_ any: Any) -> JSONValue {
        switch any {
        case let s as String: return .string(s)
        case let n as NSNumber: return String(cString: n.objCType) == "c" ? .bool(n.boolValue) : .number(n.doubleValue)
        case let a as [Any]: return .array(a.map(value))
        case let o as [String: Any]: return .object(o.mapValues(value))
        default: return .null
        }
    }

    /// `malformed JSON at line 2, column 29: Invalid value`, from the
    /// character offset `JSONSerialization` reports.
    package static func syntaxDetail(_ data: Data) -> String? {
        do { _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]); return nil } catch {
            let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            guard let r = text.range(of: #"character (\d+)"#, options: .regularExpression),
                  let offset = Int(text[r].dropFirst("character ".count)) else { return "malformed JSON: \(text)" }
            let bytes = data.prefix(offset)
            let line = bytes.filter { $0 == 0x0A }.count + 1
            let lineStart = bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
            let column = String(decoding: data[lineStart..<(data.startIndex + min(offset, data.count))], as: UTF8.self).count + 1
            let what = text.components(separatedBy: " around ").first ?? text
            return "malformed JSON at line \(line), column \(column): \(what)"
        }
    }

    package func fail(_ message: String) -> CropError {
        .entry(path: file, location: path.isEmpty ? "(top level)" : path, message: message)
    }

    private func child(_ key: String, _ v: JSONValue) -> JSONCursor {
        JSONCursor(value: v, path: path.isEmpty ? key : path + "." + key, file: file)
    }

    package var object: [String: JSONValue]? { if case .object(let o) = value { return o }; return nil }

    /// Whether the value is an object holding `key`.
    package func has(_ key: String) -> Bool { object?[key] != nil }

    /// The field `key`, which must exist and not be null.
    package func field(_ key: String) throws(CropError) -> JSONCursor {
        guard let o = object else { throw fail("expected an object") }
        guard let v = o[key], v != .null else { throw child(key, .null).fail("required field is missing") }
        return child(key, v)
    }

    /// The field `key`, or nil when absent or null.
    package func optional(_ key: String) throws(CropError) -> JSONCursor? {
        guard let o = object else { throw fail("expected an object") }
        guard let v = o[key], v != .null else { return nil }
        return child(key, v)
    }

    /// The first present field among `keys` (format aliases such as `w`/`width`).
    package func field(anyOf keys: [String]) throws(CropError) -> JSONCursor {
        for k in keys { if let c = try optional(k) { return c } }
        return try field(keys[0])
    }

    package func array() throws(CropError) -> [JSONCursor] {
        guard case .array(let a) = value else { throw fail("expected an array, found \(kind)") }
        return a.enumerated().map { JSONCursor(value: $0.element, path: path + "[\($0.offset)]", file: file) }
    }

    package func number() throws(CropError) -> Double {
        switch value {
        case .number(let n): return n
        // Some exporters write numbers as strings; accept them when they parse.
        case .string(let s): if let n = Double(s.trimmingCharacters(in: .whitespaces)) { return n }
        default: break
        }
        throw fail("expected a number, found \(kind)")
    }

    package func int() throws(CropError) -> Int {
        let n = try number()
        guard n.isFinite, n == n.rounded(), abs(n) < 1e15 else { throw fail("expected a whole number, found \(n)") }
        return Int(n)
    }

    package func string() throws(CropError) -> String {
        guard case .string(let s) = value else { throw fail("expected a string, found \(kind)") }
        return s
    }

    /// A label: a string, or a whole number some exporters use for classes.
    package func label() throws(CropError) -> String {
        if case .number(let n) = value, n == n.rounded(), abs(n) < 1e15 { return String(Int(n)) }
        return try string()
    }

    package var kind: String {
        switch value {
        case .null: return "null"
        case .bool: return "true/false"
        case .number(let n): return "number \(n)"
        case .string(let s): return "string \"\(s.prefix(40))\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
