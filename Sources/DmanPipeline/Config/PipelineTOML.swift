import DmanCore
import Foundation
import TOMLKit

/// Reads a TOML pipeline config through TOMLKit (toml++): every `[stage]`
/// table becomes that stage's options, each value converted to the
/// `JSONValue` the JSON form produces, so both spellings mean the same.
/// Keys come in sorted order, as in the JSON form.
enum PipelineTOML {
    static func parse(_ text: String, path: String) throws(PipelineError) -> PipelineConfig {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw .invalid(path: path, detail: "line \(error.source.begin.line): \(error.description)")
        } catch {
            throw .invalid(path: path, detail: "\(error)")
        }
        var config = PipelineConfig()
        for stage in table.keys {
            guard let section = table[stage]?.table else {
                throw .invalid(path: path, detail: "\(stage): options must sit inside a [stage] section")
            }
            var options: [(key: String, value: JSONValue)] = []
            for key in section.keys.sorted() {
                guard let value = section[key].flatMap(jsonValue) else {
                    throw .invalid(path: path, detail: "[\(stage)] \(key): only strings, numbers, booleans and arrays of them are options")
                }
                options.append((key, value))
            }
            config.sections[stage] = options
        }
        return config
    }

    private static func jsonValue(_ value: TOMLValueConvertible) -> JSONValue? {
        if let b = value.bool { return .bool(b) }
        if let i = value.int { return .number(Double(i)) }
        if let d = value.double { return .number(d) }
        if let s = value.string { return .string(s) }
        if let a = value.array {
            var items: [JSONValue] = []
            for element in a {
                guard let v = jsonValue(element), !(v.isContainer) else { return nil }
                items.append(v)
            }
            return .array(items)
        }
        return nil
    }
}

private extension JSONValue {
    var isContainer: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }
}
