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

    @Option(help: "Training iterations of the demo run.")
    var iterations = 200

    @Option(help: "Training image size of the demo run (32 or 64).")
    var size = 32

    /// Small and quick: 32 px, a few hundred iterations with DiffAugment
    /// including its colour op (the mascots' colours are random, so colour is
    /// not what identifies them; for real characters `translation,cutout` did
    /// better, bench/gan-extras/README.md). No EMA: at 200
    /// iterations it changes little here (modes 11 vs 7 of 256 on the demo set,
    /// 59 at 150: within the run-to-run swing); it pays off over longer runs
    /// (bench/gan-extras/README.md).
    var demoConfig: PipelineConfig {
        var c = PipelineConfig()
        c.options["crop"] = [("size", .number(Double(size * 2)))]
        c.options["augment"] = [("size", .number(Double(size))), ("seed", .number(Double(seed)))]
        c.options["audit"] = [("seed", .number(Double(seed)))]
        c.options["train"] = [("iterations", .number(Double(iterations))), ("sample-every", .number(50)),
                              ("checkpoint-every", .number(100)), ("diffaugment", .string("color,translation,cutout")),
                              ("seed", .number(Double(seed)))]
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
