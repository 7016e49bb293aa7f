import ArgumentParser
import DmanCore
import Foundation

/// `dman demo`: generates a small mascot source set and runs the pipeline on it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a procedural mascot picture set with boxes and run the pipeline on it.",
        discussion: "No downloads: the pictures are drawn by dman itself from --seed.")

    @Option(name: .shortAndLong, help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output = "demo-out"

    @Option(help: "Number of source pictures.")
    var count = 60

    @Option(help: "Seed of the generated pictures and every later stage.")
    var seed: UInt64 = 1

    @Flag(help: "Only draw the source pictures and their manifest (DIR/sources), run no stage.")
    var sourcesOnly = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let console = global.console()
        let root = URL(fileURLWithPath: output)
        let sources = root.appendingPathComponent("sources")
        let manifest = try DemoSourceSet(count: count, seed: seed).write(to: sources, jobs: global.resolvedJobs)
        console.say("sources: \(count) pictures and their boxes in \(manifest.path)")
        if sourcesOnly { return }
        let layout = PipelineLayout(root: root)
        let outcomes = try PipelineRunner(root: root, config: PipelineConfig(), global: global, console: console)
            .run(layout.stages(manifest: manifest.path))
        PipelineCommand.report(layout: layout, manifest: manifest, outcomes: outcomes, console: console)
    }
}
