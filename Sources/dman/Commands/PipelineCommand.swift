import ArgumentParser
import DmanCore
import DmanPipeline
import Foundation

extension PipelineStage: ExpressibleByArgument {}

/// `dman pipeline`: every stage from a box manifest to a trained generator.
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Run crop → augment → audit → train → generate on one manifest.",
        discussion: """
        Folders under DIR: crops/, augmented/ (with quarantine/), run/, generated/. Per-stage \
        options come from --config (JSON or TOML; sections named after the stages, keys are the \
        stage's long flags; see dman docs pipeline-config). Rerunning resumes stage by stage.
        """)

    @Argument(help: "Box manifest (any format dman crop reads).", completion: .file())
    var manifest: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output = "pipeline-out"

    @Option(help: ArgumentHelp("Per-stage options (.json or .toml).", valueName: "file"), completion: .file())
    var config: String?

    @Option(help: ArgumentHelp("Comma-separated stages to run (default: all, in order).", valueName: "list"))
    var stages: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws { _ = try selectedStages() }

    func selectedStages() throws -> [PipelineStage]? {
        try stages.map { list in
            try list.split(separator: ",").map { name in
                let name = name.trimmingCharacters(in: .whitespaces)
                guard let stage = PipelineStage(rawValue: name) else {
                    let all = PipelineStage.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ValidationError("Please name stages among \(all) (got \(name)).")
                }
                return stage
            }
        }
    }

    func run() throws {
        let console = Console(json: global.json, quiet: global.quiet || global.json)
        do {
            let cfg = try config.map { path throws(PipelineError) in try PipelineConfig.load(URL(fileURLWithPath: path)) }
            let plan = try PipelinePlan(manifest: URL(fileURLWithPath: manifest), root: URL(fileURLWithPath: output),
                                        config: cfg ?? PipelineConfig(), stages: try selectedStages(), jobs: global.jobs)
            try PipelineRenderer.run(plan, console: console)
        } catch { throw console.fail(error) }
    }
}
