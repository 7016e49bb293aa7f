import DmanCore
import Foundation

/// Per-stage settings of a pipeline, read from JSON or TOML (through TOMLKit).
///
/// Each section is a stage (`crop`, `augment`, `audit`, `train`, `eval`,
/// `generate`, `export`; export runs only when its section is present); each
/// key is that stage command's long flag without dashes, so the config
/// documents itself through `dman <stage> --help`:
///
///     [augment]
///     rotations = "±5"
///     unsharp = "0x1+1+0.05"
///     flip = true
///
/// `true` turns a switch on, `false` leaves it off; numbers and strings are
/// values; an array gives a repeatable key (`label`) several values. The
/// stage libraries read the sections (``StageSettings``), so a key means
/// what the flag means.
public struct PipelineConfig: Sendable, Equatable {
    /// Settings by stage name, as (key, value) pairs, keys sorted.
    public var sections: [String: [(key: String, value: JSONValue)]] = [:]
    /// The file read, named in errors (nil for a config made in code).
    public var file: String?

    public init(sections: [String: [(key: String, value: JSONValue)]] = [:], file: String? = nil) {
        self.sections = sections
        self.file = file
    }

    public static func == (a: PipelineConfig, b: PipelineConfig) -> Bool {
        a.file == b.file && a.sections.keys.sorted() == b.sections.keys.sorted() && a.sections.allSatisfy { stage, opts in
            let other = b.sections[stage] ?? []
            return opts.count == other.count && zip(opts, other).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        }
    }

    /// The section of `stage` (empty when absent).
    public subscript(stage: PipelineStage) -> [(key: String, value: JSONValue)] {
        get { sections[stage.rawValue] ?? [] }
        set { sections[stage.rawValue] = newValue }
    }

    /// Reads a `.json` or `.toml` file; errors name the file and line or key.
    public static func load(_ url: URL) throws(PipelineError) -> PipelineConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        var config: PipelineConfig
        if url.pathExtension.lowercased() == "toml" {
            config = try PipelineTOML.parse(String(decoding: data, as: UTF8.self), path: url.path)
        } else {
            config = try parseJSON(data, path: url.path)
        }
        config.file = url.path
        let names = PipelineStage.allCases.map(\.rawValue)
        for stage in config.sections.keys.sorted() where !names.contains(stage) {
            throw .invalid(path: url.path, detail: "unknown stage [\(stage)] (expected one of \(names.joined(separator: ", ")))")
        }
        return config
    }

    static func parseJSON(_ data: Data, path: String) throws(PipelineError) -> PipelineConfig {
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch {
            throw .invalid(path: path, detail: JSONDiagnostics.describe(error, in: data))
        }
        guard case .object(let top) = value else { throw .invalid(path: path, detail: "(top level): expected an object of stages") }
        var config = PipelineConfig()
        // JSON objects carry no order; sort keys as the TOML reader does.
        for (stage, section) in top {
            guard case .object(let opts) = section else {
                throw .invalid(path: path, detail: "\(stage): expected an object of options")
            }
            config.sections[stage] = opts.keys.sorted().map { ($0, opts[$0]!) }
        }
        return config
    }
}
