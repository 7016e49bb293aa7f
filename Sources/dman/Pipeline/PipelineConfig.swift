import DmanCore
import Foundation

/// Per-stage options for `dman pipeline`, read from JSON or TOML (through TOMLKit).
///
/// Each section is a stage (`crop`, `augment`, `audit`, `train`, `eval`, `generate`,
/// `export`; export runs only when its section is present);
/// each key is that stage command's long flag without dashes, so the config
/// documents itself through `dman <stage> --help`:
///
///     [augment]
///     rotations = "±5"
///     unsharp = "0x1+1+0.05"
///     flip = true
///
/// A `true` value passes the flag, `false` omits it; numbers and strings
/// pass `--key value`; an array passes the flag once per element.
struct PipelineConfig: Equatable {
    /// The stages in the order they run.
    static let stages = ["crop", "augment", "audit", "train", "eval", "generate", "export"]

    /// Options by stage, as (key, value) pairs in file order.
    var options: [String: [(key: String, value: JSONValue)]] = [:]

    static func == (a: PipelineConfig, b: PipelineConfig) -> Bool {
        a.options.keys.sorted() == b.options.keys.sorted() && a.options.allSatisfy { stage, opts in
            let other = b.options[stage] ?? []
            return opts.count == other.count && zip(opts, other).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }
    }

    /// The stage's options as command-line arguments.
    func arguments(for stage: String) -> [String] {
        var args: [String] = []
        for (key, value) in options[stage] ?? [] {
            switch value {
            case .bool(true): args.append("--\(key)")
            case .bool(false), .null: break
            case .array(let items): for item in items { args += ["--\(key)", Self.text(item)] }
            default: args += ["--\(key)", Self.text(value)]
            }
        }
        return args
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        default: return ""
        }
    }

    /// Reads a `.json` or `.toml` file; errors name the file and line or key.
    static func load(_ url: URL) throws(PipelineConfigError) -> PipelineConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        let config: PipelineConfig
        if url.pathExtension.lowercased() == "toml" {
            config = try PipelineTOML.parse(String(decoding: data, as: UTF8.self), path: url.path)
        } else {
            config = try parseJSON(data, path: url.path)
        }
        for stage in config.options.keys where !stages.contains(stage) {
            throw .invalid(path: url.path, detail: "unknown stage [\(stage)] (expected one of \(stages.joined(separator: ", ")))")
        }
        return config
    }

    static func parseJSON(_ data: Data, path: String) throws(PipelineConfigError) -> PipelineConfig {
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw .invalid(path: path, detail: JSONDiagnostics.describe(error, in: data))
        }
        guard case .object(let top) = value else { throw .invalid(path: path, detail: "(top level): expected an object of stages") }
        var config = PipelineConfig()
        // JSON objects carry no order; sort keys so the argument list is stable.
        for (stage, section) in top {
            guard case .object(let opts) = section else {
                throw .invalid(path: path, detail: "\(stage): expected an object of options")
            }
            config.options[stage] = opts.keys.sorted().map { ($0, opts[$0]!) }
        }
        return config
    }
}

/// Errors reading a pipeline config.
enum PipelineConfigError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid(path: String, detail: String)

    var description: String {
        switch self {
        case .unreadable(let p, let r): return "\(p): cannot read: \(r)"
        case .invalid(let p, let d): return "\(p): \(d)"
        }
    }
}
