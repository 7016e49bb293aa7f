import ArgumentParser
import DemoArt
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

    @Option(help: "Training iterations of the demo run.")
    var iterations = 800

    @Option(help: "Training image size of the demo run (32 or 64).")
    var size = 32

    /// Small and quick: 32 px, `--recipe fewshot` (DiffAugment
    /// translation,cutout + EMA of G) at width 32 (gf = df = 32), so the
    /// budget buys ~4× the iterations of width 64: at 200 iterations of width
    /// 64 with DiffAugment alone the run collapsed (modes 7 vs 129 of 256,
    /// SWD 202); see README for what this run reaches instead.
    var demoConfig: PipelineConfig {
        var c = PipelineConfig()
        c.options["crop"] = [("size", .number(Double(size * 2)))]
        c.options["augment"] = [("size", .number(Double(size))), ("seed", .number(Double(seed)))]
        c.options["audit"] = [("seed", .number(Double(seed)))]
        c.options["train"] = [("iterations", .number(Double(iterations))), ("sample-every", .number(200)),
                              ("checkpoint-every", .number(400)), ("recipe", .string("fewshot")),
                              ("gf", .number(32)), ("df", .number(32)), ("seed", .number(Double(seed)))]
        c.options["generate"] = [("seed", .number(Double(seed)))]
        return c
    }

    func validate() throws {
        if ![32, 64].contains(size) { throw ValidationError("Please give --size 32 or 64.") }
        if iterations < 1 { throw ValidationError("Please give --iterations a value of 1 or more.") }
        if count < 2 { throw ValidationError("Please give --count a value of 2 or more.") }
    }

    func run() throws {
        let console = global.console()
        let root = URL(fileURLWithPath: output)
        let sources = root.appendingPathComponent("sources")
        let manifest = try DemoSourceSet(count: count, seed: seed).write(to: sources, jobs: global.resolvedJobs)
        console.say("sources: \(count) pictures and their boxes in \(manifest.path)")
        if sourcesOnly { return }
        let layout = PipelineLayout(root: root)
        let outcomes = try PipelineRunner(root: root, config: demoConfig, global: global, console: console)
            .run(layout.stages(manifest: manifest.path))
        PipelineCommand.report(layout: layout, manifest: manifest, outcomes: outcomes, console: console)
        console.say("""

        Look at:
          \(layout.preview.path)   augment contact sheet
          \(layout.report.path)   audit report (open in a browser)
          \(layout.run.appendingPathComponent("samples").path)/   sample grids during training
          \(layout.run.appendingPathComponent("loss-curve.png").path)   loss curve
          \(layout.run.appendingPathComponent("nearest.png").path)   samples beside their nearest training images
          \(layout.generated.appendingPathComponent("grid.png").path)   generated images
        """)
    }
}
