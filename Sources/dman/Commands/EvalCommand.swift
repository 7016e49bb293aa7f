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
        Uses G's EMA weights when the run kept them. --checkpoints all prints one row per checkpoint. \
        The dataset is prepared as the run's own data was (its --resize and --pattern from config.json). \
        --images compares a folder of images made elsewhere (another trainer's samples, or half of the real \
        set for the real-vs-real floor) with the same metric.
        """
    )

    enum Which: String, ExpressibleByArgument, CaseIterable { case latest, all }

    @Argument(help: ArgumentHelp("Run folder (or, with --images, a folder of generated images).", valueName: "run"),
              completion: .directory)
    var runFolder: String
    @Argument(help: ArgumentHelp("Dataset folder or folder of images.", valueName: "dataset"), completion: .directory)
    var dataset: String
    @Option(help: "Checkpoints to evaluate.") var checkpoints: Which = .latest
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

    func validate() throws {
        if count < 2 { throw ValidationError("Please give --count a value of 2 or more.") }
    }

    func run() throws {
        let console = global.console()
        let run = RunFolder(URL(fileURLWithPath: runFolder))
        do {
            if images { return try evaluateImages(console) }
            let files = run.checkpoints().map(\.url)
            guard let latest = files.last else {
                throw GANError.checkpoint(file: run.checkpointsURL.path, reason: "run folder has no checkpoints/step-*.safetensors")
            }
            let config = try Checkpoint.config(of: latest)
            let data = try TrainingSet.load(folder: URL(fileURLWithPath: dataset), pattern: pattern ?? config.pattern,
                                            imageSize: config.imageSize, resize: resize || config.resize == true)
            let real = data.sampleImages(count: count, seed: seed)
            let training = try trainingImages(data, size: config.imageSize, resize: resize || config.resize == true)
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
            throw console.fail(error)
        }
    }

    /// `--training`'s images (or the dataset's own).
    private func trainingImages(_ data: TrainingSet, size: Int, resize: Bool) throws(GANError) -> [PixelImage] {
        let set = try training.map { dir throws(GANError) in
            try TrainingSet.load(folder: URL(fileURLWithPath: dir), imageSize: size, resize: resize)
        } ?? data
        return (0..<set.count).map(set.image(at:))
    }

    /// `--images`: the first `count` images of RUN (sorted by name) against `count` of DATASET.
    private func evaluateImages(_ console: Console) throws(GANError) {
        let folder = URL(fileURLWithPath: runFolder)
        let side: Int
        if let size { side = size } else { side = try TrainCommand.detectSize(folder: folder, pattern: nil) }
        let generated = try TrainingSet.load(folder: folder, imageSize: side, resize: resize)
        guard generated.count >= count else {
            throw .dataset("\(folder.path): \(generated.count) images, fewer than --count \(count)")
        }
        let data = try TrainingSet.load(folder: URL(fileURLWithPath: dataset), pattern: pattern, imageSize: side, resize: resize)
        Compute.setThreads(global.resolvedJobs)
        let row = try RunEvaluation.evaluate(generated: (0..<count).map(generated.image(at:)), real: data.sampleImages(count: count, seed: seed),
                                             training: try trainingImages(data, size: side, resize: resize), seed: seed,
                                             hash: GANHash.phash, threshold: GANHash.threshold, source: folder.path)
        console.emitJSON([row])
        for line in Self.table([row]) { console.say(line) }
        if row.modes?.likelyCollapse == true { console.warning(row.modes!.message) }
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
