import ArgumentParser
import DemoArt
import DmanCore
import DmanPipeline
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

    @Option(help: "Training iterations of the demo run.")
    var iterations = 800

    @Option(help: "Training image size of the demo run (32 or 64).")
    var size = 32

    func validate() throws {
        if ![32, 64].contains(size) { throw ValidationError("Please give --size 32 or 64.") }
        if iterations < 1 { throw ValidationError("Please give --iterations a value of 1 or more.") }
        if count < 2 { throw ValidationError("Please give --count a value of 2 or more.") }
    }

    func run() throws {
        let console = Console(json: global.json, quiet: global.quiet || global.json)
        let root = URL(fileURLWithPath: output)
        do {
            let manifest = try DemoSourceSet(count: count, seed: seed).write(to: root.appendingPathComponent("sources"),
                                                                             jobs: global.resolvedJobs)
            console.say("sources: \(count) pictures and their boxes in \(manifest.path)")
            if sourcesOnly { return }
            let config = PipelineConfig.demo(size: size, iterations: iterations, seed: seed)
            let plan = try PipelinePlan(manifest: manifest, root: root, config: config, jobs: global.jobs)
            try PipelineRenderer.run(plan, console: console)
            console.say(Self.lookAt(plan.layout))
        } catch { throw console.fail(error) }
    }

    static func lookAt(_ layout: PipelineLayout) -> String {
        """

        Look at:
          \(layout.preview.path)   augment contact sheet
          \(layout.report.path)   audit report (open in a browser)
          \(layout.run.appendingPathComponent("samples").path)/   sample grids during training
          \(layout.run.appendingPathComponent("loss-curve.png").path)   loss curve
          \(layout.run.appendingPathComponent("nearest.png").path)   samples beside their nearest training images
          \(layout.generated.appendingPathComponent("grid.png").path)   generated images
        """
    }
}
