import ArgumentParser
import DmanCore
import Foundation

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

    func validate() throws {
        for name in selectedStages where !PipelineConfig.stages.contains(name) {
            throw ValidationError("Please name stages among \(PipelineConfig.stages.joined(separator: ", ")) (got \(name)).")
        }
    }

    var selectedStages: [String] {
        stages.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? PipelineConfig.stages
    }

    func run() throws {
        let console = global.console()
        var cfg = PipelineConfig()
        if let config {
            do { cfg = try PipelineConfig.load(URL(fileURLWithPath: config)) } catch {
                throw console.fail(error)
            }
        }
        let layout = PipelineLayout(root: URL(fileURLWithPath: output))
        let outcomes = try PipelineRunner(root: layout.root, config: cfg, global: global, console: console)
            .run(layout.stages(manifest: manifest, config: cfg).filter { selectedStages.contains($0.name) })
        PipelineCommand.report(layout: layout, manifest: URL(fileURLWithPath: manifest), outcomes: outcomes, console: console)
        if outcomes.contains(where: { $0.status == "errors" }) { throw DmanExit.finishedWithErrors }
    }

    /// Prints the final table (or JSON) of counts per stage.
    static func report(layout: PipelineLayout, manifest: URL, outcomes: [PipelineRunner.Outcome], console: Console) {
        let rows = layout.summaryRows(manifest: manifest)
        struct Summary: Encodable {
            var stages: [PipelineRunner.Outcome]
            var counts: [String: String]
        }
        console.emitJSON(Summary(stages: outcomes, counts: Dictionary(rows, uniquingKeysWith: { a, _ in a })))
        let width = max(12, rows.map(\.0.count).max() ?? 0)
        console.say("")
        for (name, value) in rows {
            console.say(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
    }
}
