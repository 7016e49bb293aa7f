import ArgumentParser
import DmanCore
import Foundation
import GANCore

extension EvalSettings.Checkpoints: ExpressibleByArgument {}

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
        Uses G's EMA weights when the run kept them. --checkpoints all prints one row per checkpoint. \
        The dataset is prepared as the run's own data was (its --resize and --pattern from config.json). \
        --images compares a folder of images made elsewhere (another trainer's samples, or half of the real \
        set for the real-vs-real floor) with the same metric.
        """
    )

    @Argument(help: ArgumentHelp("Run folder (or, with --images, a folder of generated images).", valueName: "run"),
              completion: .directory)
    var runFolder: String
    @Argument(help: ArgumentHelp("Dataset folder or folder of images.", valueName: "dataset"), completion: .directory)
    var dataset: String
    @Option(help: "Checkpoints to evaluate.") var checkpoints: EvalSettings.Checkpoints = .latest
    @Option(help: ArgumentHelp("Images per set (generated and real; at most the dataset's size).", valueName: "n")) var count = 256
    @Option(help: ArgumentHelp("Seed of z, the real subset and the SWD draws.", valueName: "n")) var seed: UInt64 = 0
    @Option(help: ArgumentHelp("Shell pattern of images in a plain folder.", valueName: "glob")) var pattern: String?
    @Flag(help: "Centre-crop and resample images of another size (default: as the run was trained).") var resize = false
    @Flag(help: "RUN is a folder of images to evaluate (at least --count of them, first --count by name).") var images = false
    @Option(help: ArgumentHelp("Image size with --images (default: the first image's).", valueName: "px")) var size: Int?
    @Option(help: ArgumentHelp("Training set for the memorisation check (default: DATASET).", valueName: "dir"),
            completion: .directory)
    var training: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws { _ = try settings() }

    /// The settings, read by GANCore's one reader (the one a pipeline's `[eval]` section goes through).
    func settings() throws -> EvalSettings {
        try readSettings(skipping: ["images", "size"]) { try EvalSettings(settings: $0) }
    }

    func run() throws {
        let console = global.console()
        let settings = try settings()
        let rows: [CheckpointEvaluation]
        do {
            rows = images ? [try evaluateImages(settings)]
                : try RunEvaluation.evaluate(run: URL(fileURLWithPath: runFolder), dataset: URL(fileURLWithPath: dataset),
                                             settings: settings, hash: GANHash.phash, threshold: GANHash.threshold,
                                             threads: global.jobs, progress: console.progressHandler)
        } catch { throw console.fail(error) }
        console.finishProgress()
        console.emitJSON(rows)
        for line in Self.table(rows) { console.say(line) }
        for r in rows where r.modes?.likelyCollapse == true {
            console.warning(images ? r.modes!.message : "step \(r.step): \(r.modes!.message)")
        }
    }

    /// `--images`: the first `count` images of RUN (sorted by name) against `count` of DATASET.
    private func evaluateImages(_ s: EvalSettings) throws(GANError) -> CheckpointEvaluation {
        let folder = URL(fileURLWithPath: runFolder)
        let side: Int
        if let size { side = size } else { side = try TrainSettings.detectSize(folder: folder, pattern: nil) }
        let generated = try TrainingSet.load(folder: folder, imageSize: side, resize: s.resize)
        guard generated.count >= s.count else {
            throw .dataset("\(folder.path): \(generated.count) images, fewer than --count \(s.count)")
        }
        let data = try TrainingSet.load(folder: URL(fileURLWithPath: dataset), pattern: s.pattern, imageSize: side, resize: s.resize)
        Compute.setThreads(global.resolvedJobs)
        return try RunEvaluation.evaluate(generated: (0..<s.count).map(generated.image(at:)), real: data.sampleImages(count: s.count, seed: s.seed),
                                          training: try RunEvaluation.trainingImages(s.training, or: data, size: side, resize: s.resize),
                                          seed: s.seed, hash: GANHash.phash, threshold: GANHash.threshold, source: folder.path)
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
