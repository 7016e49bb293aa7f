import ArgumentParser
import DmanCore
import Foundation
import GANCore

/// `dman eval`: weight-free quality figures of a run's checkpoints.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Compare a run's generated images with a dataset: SWD per level, modes, memorisation.",
        discussion: """
        SWD: sliced Wasserstein distance on Laplacian-pyramid 7×7 patches as in ProGAN (×1e3, per level \
        down to 16 px, and their average; lower is better; compare only at the same size, count and seed). \
        Modes: distinct pHash clusters (Hamming ≤ 10) of the generated vs the real images. Memorised: \
        fraction of 64 samples closer to a training image than training images are to each other. \
        Uses G's EMA weights when the run kept them. --checkpoints all prints one row per checkpoint.
        """
    )

    enum Which: String, ExpressibleByArgument, CaseIterable { case latest, all }

    @Argument(help: ArgumentHelp("Run folder.", valueName: "run"), completion: .directory)
    var runFolder: String
    @Argument(help: ArgumentHelp("Dataset folder or folder of images.", valueName: "dataset"), completion: .directory)
    var dataset: String
    @Option(help: "Checkpoints to evaluate.") var checkpoints: Which = .latest
    @Option(help: ArgumentHelp("Images per set (generated and real; at most the dataset's size).", valueName: "n")) var count = 256
    @Option(help: ArgumentHelp("Seed of z, the real subset and the SWD draws.", valueName: "n")) var seed: UInt64 = 0
    @Option(help: ArgumentHelp("Shell pattern of images in a plain folder.", valueName: "glob")) var pattern: String?
    @Flag(help: "Centre-crop and resample images of another size.") var resize = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if count < 2 { throw ValidationError("Please give --count a value of 2 or more.") }
    }

    func run() throws {
        let console = global.console()
        let run = RunFolder(URL(fileURLWithPath: runFolder))
        do {
            let files = run.checkpoints().map(\.url)
            guard let latest = files.last else {
                throw GANError.checkpoint(file: run.checkpointsURL.path, reason: "run folder has no checkpoints/step-*.safetensors")
            }
            let config = try Checkpoint.config(of: latest)
            let data = try TrainingSet.load(folder: URL(fileURLWithPath: dataset), pattern: pattern,
                                            imageSize: config.imageSize, resize: resize)
            let real = data.sampleImages(count: count, seed: seed)
            let training = (0..<data.count).map(data.image(at:))
            var rows: [CheckpointEvaluation] = []
            let chosen = checkpoints == .all ? files : [latest]
            console.progressHandler(.started(stage: "eval", total: chosen.count, resumed: 0))
            for (i, file) in chosen.enumerated() {
                rows.append(try RunEvaluation.evaluate(checkpoint: file, real: real, training: training, seed: seed,
                                                       hash: GANHash.phash, threshold: GANHash.threshold, threads: global.jobs))
                console.progressHandler(.advanced(completed: i + 1, total: chosen.count))
            }
            console.finishProgress()
            console.emitJSON(rows)
            for line in Self.table(rows) { console.say(line) }
            for r in rows where r.modes?.likelyCollapse == true { console.warning("step \(r.step): \(r.modes!.message)") }
        } catch let error as GANError {
            console.finishProgress()
            console.error(error.description)
            throw DmanExit.fatal
        }
    }

    /// `step  swd@64  swd@32  swd@16  swd avg  modes  memorised` and one row per checkpoint.
    static func table(_ rows: [CheckpointEvaluation]) -> [String] {
        guard let first = rows.first else { return [] }
        let size = first.swdPerLevel.indices.map { "swd@\(Self.side(rows, $0))" }
        let header = ["step"] + size + ["swd avg", "modes", "memorised"]
        var lines = [header.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined()]
        for r in rows {
            let cells = [String(r.step)] + r.swdPerLevel.map { String(format: "%.2f", $0) }
                + [String(format: "%.2f", r.swdAverage),
                   r.modes.map { "\($0.fakeModes)/\($0.realModes)" } ?? "-",
                   String(format: "%.3f", r.memorisedFraction)]
            lines.append(cells.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
        }
        lines.append("(\(first.count) generated vs \(first.count) real images\(first.usedEMA ? ", EMA weights" : ""); modes = generated/real)")
        return lines
    }

    private static func side(_ rows: [CheckpointEvaluation], _ level: Int) -> String {
        // Level 0 is the full size; the size is in the config, the count of levels is enough to name them.
        let levels = rows[0].swdPerLevel.count
        return String(16 << (levels - 1 - level))
    }
}
