import DmanCore
import Foundation

/// The part of TOML a pipeline config needs: `[section]` headers and
/// `key = value` lines with strings ("..." or '...'), integers, floats,
/// booleans and one-line arrays of those; `#` comments.
enum TOMLSubset {
    static func parse(_ text: String, path: String) throws(PipelineConfigError) -> PipelineConfig {
        var config = PipelineConfig()
        var section: String?
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let at = "line \(n + 1)"
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw .invalid(path: path, detail: "\(at): unterminated section header") }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                config.options[section!, default: []] = config.options[section!] ?? []
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { throw .invalid(path: path, detail: "\(at): expected key = value") }
            guard let section else { throw .invalid(path: path, detail: "\(at): option outside a [stage] section") }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let valueText = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard let value = parseValue(valueText) else {
                throw .invalid(path: path, detail: "\(at): cannot read the value of \(key): \(valueText)")
            }
            config.options[section, default: []].append((key, value))
        }
        return config
    }

    static func stripComment(_ line: String) -> String {
        var inString: Character?
        for (i, ch) in zip(line.indices, line) {
            if let q = inString { if ch == q { inString = nil } } else if ch == "\"" || ch == "'" { inString = ch } else if ch == "#" {
                return String(line[..<i])
            }
        }
        return line
    }

    static func parseValue(_ s: String) -> JSONValue? {
        if s == "true" { return .bool(true) }
        if s == "false" { return .bool(false) }
        if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { return .string(String(s.dropFirst().dropLast())) }
        if s.hasPrefix("[") && s.hasSuffix("]") {
            let inner = s.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            if inner.isEmpty { return .array([]) }
            var items: [JSONValue] = []
            for part in inner.split(separator: ",") {
                guard let v = parseValue(part.trimmingCharacters(in: .whitespaces)) else { return nil }
                items.append(v)
            }
            return .array(items)
        }
        if let d = Double(s.replacingOccurrences(of: "_", with: "")) { return .number(d) }
        return nil
    }
}
