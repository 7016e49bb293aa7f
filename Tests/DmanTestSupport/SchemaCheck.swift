import Foundation

/// A small JSON Schema checker for the subset dman's schemas use (`$ref` to
/// `#/$defs`, `type`, `required`, `properties`, `additionalProperties: false`,
/// `items`, `const`, `pattern`, `minimum`). Returns the violations found.
public struct SchemaCheck {
    let schema: [String: Any]

    public init(schemaAt url: URL) throws {
        schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    public func violations(of document: Data) throws -> [String] {
        let value = try JSONSerialization.jsonObject(with: document, options: [.fragmentsAllowed])
        var out: [String] = []
        check(value, against: schema, path: "$", into: &out)
        return out
    }

    /// The value as a number, or nil (booleans are not numbers, although
    /// Foundation's NSNumber would happily convert them).
    static func number(_ v: Any?) -> Double? {
        guard let v else { return nil }
        if let n = v as? NSNumber, type(of: v) != Bool.self {
            return String(cString: n.objCType) == "c" ? nil : n.doubleValue
        }
        if type(of: v) == Bool.self { return nil }
        if let i = v as? Int { return Double(i) }
        if let d = v as? Double { return d }
        return nil
    }

    private func resolve(_ node: [String: Any]) -> [String: Any] {
        guard let ref = node["$ref"] as? String, ref.hasPrefix("#/$defs/") else { return node }
        let defs = schema["$defs"] as! [String: Any]
        return resolve(defs[String(ref.dropFirst(8))] as! [String: Any])
    }

    private func check(_ value: Any, against raw: [String: Any], path: String, into out: inout [String]) {
        let node = resolve(raw)
        if let c = node["const"] as? String, (value as? String) != c { out.append("\(path): expected \(c)") }
        if let pattern = node["pattern"] as? String, let s = value as? String,
           s.range(of: pattern, options: .regularExpression) == nil {
            out.append("\(path): \(s) does not match \(pattern)")
        }
        if let minimum = Self.number(node["minimum"]), let n = Self.number(value), n < minimum {
            out.append("\(path): \(n) < \(minimum)")
        }
        switch node["type"] as? String {
        case "object":
            guard let obj = value as? [String: Any] else { out.append("\(path): expected object"); return }
            let props = node["properties"] as? [String: Any] ?? [:]
            for key in node["required"] as? [String] ?? [] where obj[key] == nil {
                out.append("\(path).\(key): required but missing")
            }
            for (key, v) in obj {
                if let sub = props[key] as? [String: Any] {
                    check(v, against: sub, path: "\(path).\(key)", into: &out)
                } else if (node["additionalProperties"] as? Bool) == false {
                    out.append("\(path).\(key): not in the schema")
                }
            }
        case "array":
            guard let arr = value as? [Any] else { out.append("\(path): expected array"); return }
            if let items = node["items"] as? [String: Any] {
                for (i, v) in arr.enumerated() { check(v, against: items, path: "\(path)[\(i)]", into: &out) }
            }
        case "string":
            if !(value is String) { out.append("\(path): expected string") }
        case "integer", "number":
            if Self.number(value) == nil { out.append("\(path): expected number") }
        default:
            break
        }
    }
}
