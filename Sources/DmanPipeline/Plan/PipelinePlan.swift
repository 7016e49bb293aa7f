import DmanCore
import Foundation

/// The stages of one pipeline run, each with its folders, its merged
/// settings and its typed options, all read and checked before any stage
/// runs (so a bad value stops the run before it writes anything).
///
///     let plan = try PipelinePlan(manifest: boxes, root: out, config: try PipelineConfig.load(tomlURL))
///     try Pipeline(plan: plan).run { event in print(event) }
public struct PipelinePlan: Sendable {
    /// One planned stage.
    public struct Step: Sendable {
        public var stage: PipelineStage
        /// Input (manifest, dataset or run folder), eval's dataset, output folder.
        public var input: URL
        public var dataset: URL?
        public var output: URL?
        /// The pipeline's defaults overridden by the config, keys sorted.
        public var settings: [(key: String, value: JSONValue)]
        /// Worker threads given to the stage (nil: all cores).
        public var jobs: Int?
        public var options: StageOptions

        /// The `dman` command that does the same as this step (shown as the stage
        /// starts, and recorded in `.pipeline/<stage>.json` to tell whether it changed).
        public var command: [String] {
            var args = [stage.rawValue, input.path] + (dataset.map { [$0.path] } ?? [])
            if let output { args += ["-o", output.path] }
            for (key, value) in settings {
                switch value {
                case .bool(true): args.append("--\(key)")
                case .bool(false), .null: break
                case .array(let items): for item in items { args += ["--\(key)", StageSettings.text(item) ?? ""] }
                default: args += ["--\(key)", StageSettings.text(value) ?? ""]
                }
            }
            if let jobs { args += ["--jobs", String(jobs)] }
            return args
        }
    }

    public var layout: PipelineLayout
    public var manifest: URL
    public var steps: [Step]

    /// Plans `stages` (default: every stage the config asks for, in order) on
    /// `manifest`, writing under `root`; `jobs` overrides every stage's own.
    public init(manifest: URL, root: URL, config: PipelineConfig = PipelineConfig(), stages: [PipelineStage]? = nil,
                jobs: Int? = nil) throws(PipelineError) {
        layout = PipelineLayout(root: root)
        self.manifest = manifest
        steps = []
        let chosen = stages.map(Set.init) ?? Set(PipelineStage.allCases)
        for stage in PipelineLayout.stages(for: config) where chosen.contains(stage) {
            var merged: [String: JSONValue] = [:]
            for (key, value) in layout.defaults(of: stage) + config[stage] { merged[key] = value }
            let settings: [(key: String, value: JSONValue)] = merged.keys.sorted().map { ($0, merged[$0]!) }
            let folders = layout.folders(of: stage, manifest: manifest)
            do {
                let reader = StageSettings(settings)
                let ownJobs = try reader.int("jobs")
                let stageJobs = jobs ?? ownJobs
                if let stageJobs { try reader.require(stageJobs >= 1, "jobs", "must be 1 or more") }
                let options = try StageOptions.read(stage, settings: reader, jobs: stageJobs, folders: folders)
                steps.append(Step(stage: stage, input: folders.input, dataset: folders.dataset, output: folders.output,
                                  settings: settings.filter { $0.key != "jobs" }, jobs: stageJobs, options: options))
            } catch {
                throw .setting(file: config.file, stage: stage, error)
            }
        }
    }
}
