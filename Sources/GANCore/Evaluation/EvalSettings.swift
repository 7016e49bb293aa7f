import DmanCore
import Foundation

/// What `dman eval` (and a pipeline's `[eval]` section) compares: which
/// checkpoints of a run, how many images, from which seed, and how the
/// dataset is prepared (by default as the run's own data was).
public struct EvalSettings: Sendable, Equatable {
    /// The keys ``init(settings:)`` reads: `dman eval`'s long flags without the
    /// dashes (`images` and `size` compare a folder of images instead of a run,
    /// so they are the command's alone).
    public static let settingKeys = ["checkpoints", "count", "seed", "pattern", "resize", "training"]

    /// Which checkpoints to evaluate.
    public enum Checkpoints: String, Sendable, CaseIterable { case latest, all }

    public var checkpoints = Checkpoints.latest
    /// Images per set, generated and real (at least 2, at most the dataset's size).
    public var count = 256
    /// Seed of z, the real subset and the SWD draws.
    public var seed: UInt64 = 0
    /// Shell pattern of images in a plain folder (default: the run's).
    public var pattern: String?
    /// Centre-crop and resample images of another size (default: as the run was trained).
    public var resize = false
    /// Training set of the memorisation check (default: the dataset).
    public var training: URL?

    public init() {}

    /// Settings read and checked as `dman eval` checks its flags.
    public init(settings s: StageSettings) throws(SettingError) {
        self.init()
        if let c = try s.choice("checkpoints", Checkpoints.self) { checkpoints = c }
        if let n = try s.int("count") { count = n }
        try s.require(count >= 2, "count", "must be 2 or more")
        if let n = try s.uint64("seed") { seed = n }
        pattern = try s.string("pattern")
        resize = try s.bool("resize")
        training = try s.string("training").map { URL(fileURLWithPath: $0) }
    }
}

extension RunEvaluation {
    /// Evaluates the newest (or every) checkpoint of `run` against `dataset`,
    /// prepared as the run's data was; one row per checkpoint, in step order.
    /// `progress` sees one step per checkpoint.
    public static func evaluate(run: URL, dataset: URL, settings: EvalSettings,
                                hash: (@Sendable (PixelImage) -> UInt64)?, threshold: Int = 10, threads: Int? = nil,
                                progress: ProgressHandler? = nil) throws(GANError) -> [CheckpointEvaluation] {
        let folder = RunFolder(run)
        let files = folder.checkpoints().map(\.url)
        guard let latest = files.last else {
            throw .checkpoint(file: folder.checkpointsURL.path, reason: "run folder has no checkpoints/step-*.safetensors")
        }
        let config = try Checkpoint.config(of: latest)
        let resize = settings.resize || config.resize == true
        let data = try TrainingSet.load(folder: dataset, pattern: settings.pattern ?? config.pattern,
                                        imageSize: config.imageSize, resize: resize)
        let real = data.sampleImages(count: settings.count, seed: settings.seed)
        let training = try trainingImages(settings.training, or: data, size: config.imageSize, resize: resize)
        let chosen = settings.checkpoints == .all ? files : [latest]
        progress?(.started(stage: "eval", total: chosen.count, resumed: 0))
        var rows: [CheckpointEvaluation] = []
        for (i, file) in chosen.enumerated() {
            rows.append(try evaluate(checkpoint: file, real: real, training: training, seed: settings.seed,
                                     hash: hash, threshold: threshold, threads: threads))
            progress?(.advanced(completed: i + 1, total: chosen.count))
        }
        return rows
    }

    /// The images of `folder` (or of `data` when nil), for the memorisation check.
    public static func trainingImages(_ folder: URL?, or data: TrainingSet, size: Int, resize: Bool) throws(GANError) -> [PixelImage] {
        let set = try folder.map { dir throws(GANError) in try TrainingSet.load(folder: dir, imageSize: size, resize: resize) } ?? data
        return (0..<set.count).map(set.image(at:))
    }
}
