import DmanCore

/// Everything that stops a pipeline, each naming its file, stage and key.
public enum PipelineError: Error, Sendable, CustomStringConvertible {
    /// The config file could not be read.
    case unreadable(path: String, reason: String)
    /// The config file is malformed (the detail names the line or JSON path), or names an unknown stage.
    case invalid(path: String, detail: String)
    /// A stage's setting is refused: `file` is the config (nil for settings given in code).
    case setting(file: String?, stage: PipelineStage, SettingError)
    /// A stage failed while running; the stages before it are done and marked.
    case stageFailed(PipelineStage, any Error & Sendable)
    /// The `.pipeline/` marks could not be written.
    case marks(FileError)

    public var description: String { line { String(describing: $0) } }

    /// The one line, with the failed stage's own error rendered by `render`
    /// (a front end names its fields its own way).
    public func line(render: (any Error) -> String) -> String {
        switch self {
        case .unreadable(let p, let r): return "\(p): cannot read: \(r)"
        case .invalid(let p, let d): return "\(p): \(d)"
        case .setting(let file, let stage, let e):
            let line = e.line { "[\(stage.rawValue)] \($0)" }
            return file.map { "\($0): \(line)" } ?? line
        case .stageFailed(let stage, let e): return "pipeline stopped at \(stage.rawValue): \(render(e))"
        case .marks(let e): return e.description
        }
    }
}
