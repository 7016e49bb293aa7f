import ArgumentParser
import DmanCore
import Foundation
import GANCore

/// `dman generate`: images from a trained run (EMA weights when the run kept them).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write N images and a grid from a run's newest checkpoint (or a checkpoint file).",
        discussion: "Uses the EMA copy of the generator when the run was trained with --ema."
    )

    @Argument(help: ArgumentHelp("Run folder or checkpoint .safetensors file.", valueName: "run"), completion: .directory)
    var runFolder: String

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Number of images (as `dman eval --count`).", valueName: "n")) var count = 100
    @Option(name: .shortAndLong, help: ArgumentHelp("Output folder (default: RUN/generated).", valueName: "dir"), completion: .directory)
    var output: String?
    @Option(help: ArgumentHelp("Seed of z.", valueName: "n")) var seed: UInt64 = 0
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if count < 1 { throw ValidationError("Please give --count (-n) a value of 1 or more.") }
        _ = try settings()
    }

    /// The settings, read by GANCore's one reader (the one a pipeline's `[generate]` section goes through).
    func settings() throws -> GenerateSettings { try readSettings(skipping: ["output"]) { try GenerateSettings(settings: $0) } }

    func run() throws {
        let console = global.console()
        let source = URL(fileURLWithPath: runFolder)
        let out = URL(fileURLWithPath: output ?? source.appendingPathComponent("generated").path)
        let settings = try settings()
        do {
            let result = try ImageGeneration.generate(checkpoint: source, count: settings.count, seed: settings.seed, outputFolder: out,
                                                      threads: global.jobs)
            console.emitJSON(Summary(images: result.images.map(\.path), grid: result.grid.path, checkpoint: result.checkpoint.path))
            console.say("wrote \(result.images.count) images and \(result.grid.path) from \(result.checkpoint.lastPathComponent)")
        } catch {
            throw console.fail(error)
        }
    }

    struct Summary: Encodable {
        var images: [String]
        var grid: String
        var checkpoint: String
    }
}
