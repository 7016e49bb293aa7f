import DmanCore
import Foundation

/// What `dman train` (and a pipeline's `[train]` section) asks of a run,
/// read from named settings: the ``DCGANConfig`` (recipe first, then the
/// settings given, which override it), the image size (nil: the images'
/// own), a time limit, and whether to watch for mode collapse.
///
///     let train = try TrainSettings(settings: StageSettings([("recipe", .string("fewshot")), ("iterations", .number(800))]))
///     let trainer = try train.trainer(dataset: augmented, runFolder: run)
public struct TrainSettings: Sendable, Equatable {
    /// The keys ``init(settings:)`` reads: `dman train`'s long flags without the dashes.
    public static let settingKeys = ["size", "z-dim", "recipe", "arch", "g-upsample", "z-dist", "gf", "df", "batch", "epochs", "iterations",
                                     "time-limit", "lr", "lr-g", "lr-d", "beta1", "g-steps", "seed", "threads",
                                     "sample-every", "checkpoint-every", "keep-checkpoints", "pattern", "resize",
                                     "diffaugment", "ema", "no-ema-warmup", "loss", "spectral-norm", "ada-target",
                                     "r1", "r1-every", "no-mode-check"]

    /// The setting key of each ``DCGANConfig`` field a ``GANError/invalidValue(field:value:rule:)`` names.
    public static let settingKeyByField = [
        "imageSize": "size", "zDim": "z-dim", "generatorWidth": "gf", "discriminatorWidth": "df", "batchSize": "batch",
        "epochs": "epochs", "iterations": "iterations", "learningRate": "lr", "generatorLearningRate": "lr-g",
        "discriminatorLearningRate": "lr-d", "beta1": "beta1", "generatorSteps": "g-steps", "threads": "threads",
        "sampleEvery": "sample-every", "checkpointEvery": "checkpoint-every", "emaDecay": "ema",
        "keepCheckpoints": "keep-checkpoints", "adaTarget": "ada-target", "resize": "resize", "diffAugment": "diffaugment",
        "zDistribution": "z-dist", "seed": "seed", "emaWarmUp": "no-ema-warmup", "loss": "loss", "spectralNorm": "spectral-norm",
        "pattern": "pattern", "architecture": "arch", "generatorUpsampling": "g-upsample",
        "r1Gamma": "r1", "r1Interval": "r1-every",
    ]

    /// Image sizes training accepts (8 and 16 exist for tests).
    public static let imageSizes = [8, 16, 32, 64, 128, 256]

    /// Image side; nil takes the first image's side (``detectSize(folder:pattern:)``).
    public var size: Int?
    /// Every other setting of the networks and the run (its ``DCGANConfig/imageSize`` is set by ``config(imageSize:)``).
    public var config = DCGANConfig()
    /// Stop at the first iteration after this much training (over every run of the folder).
    public var timeLimit: TimeLimit?
    /// Watch for mode collapse while training (off: `no-mode-check`).
    public var modeCheck = true

    public init() {}

    /// Settings read and checked as `dman train` checks its flags; an error
    /// names the key (`batch`, not `batchSize`).
    public init(settings s: StageSettings) throws(SettingError) {
        self.init()
        size = try s.int("size")
        if let size {
            try s.require(Self.imageSizes.contains(size), "size", "must be one of 32, 64, 128 or 256")
        }
        var c = DCGANConfig()
        // The architecture first: the recipe's R1 depends on it.
        if let v = try s.choice("arch", GANArchitecture.self) { c.architecture = v == .dcgan ? nil : v }
        (try s.choice("recipe", GANRecipe.self) ?? .recommended).apply(to: &c)
        if let v = try s.int("z-dim") { c.zDim = v }
        c.generatorUpsampling = try s.choice("g-upsample", GeneratorUpsampling.self)
        if let v = try s.choice("z-dist", DCGANConfig.ZDistribution.self) { c.zDistribution = v }
        if let v = try s.int("gf") { c.generatorWidth = v }
        if let v = try s.int("df") { c.discriminatorWidth = v }
        if let v = try s.int("batch") { c.batchSize = v }
        c.epochs = try s.int("epochs")
        c.iterations = try s.int("iterations")
        timeLimit = try s.parsed("time-limit", expected: "expects a duration such as 90s, 20m or 2h", TimeLimit.init(parsing:))
        if let v = try s.float("lr") { c.learningRate = v }
        if let v = try s.float("lr-g") { c.generatorLearningRate = v }
        if let v = try s.float("lr-d") { c.discriminatorLearningRate = v }
        if let v = try s.float("beta1") { c.beta1 = v }
        if let v = try s.int("g-steps") { c.generatorSteps = v }
        if let v = try s.uint64("seed") { c.seed = v }
        c.threads = try s.int("threads")
        if let v = try s.int("sample-every") { c.sampleEvery = v }
        if let v = try s.int("checkpoint-every") { c.checkpointEvery = v }
        if let v = try s.int("keep-checkpoints") { c.keepCheckpoints = v == 2 ? nil : v }
        c.pattern = try s.string("pattern")
        c.resize = try s.bool("resize") ? true : nil
        if let text = try s.string("diffaugment") {
            do { c.diffAugment = try DiffAugmentPolicy(parsing: text) } catch {
                throw SettingError(key: "diffaugment", value: "", rule: String(error.line { _ in "" }.dropFirst(2)))
            }
        }
        if let v = try s.float("ema") { c.emaDecay = v }
        c.emaWarmUp = try s.bool("no-ema-warmup") ? false : nil
        if let v = try s.choice("loss", GANLoss.self) { c.loss = v == .bce ? nil : v }
        c.spectralNorm = try s.bool("spectral-norm") ? true : nil
        c.adaTarget = try s.double("ada-target")
        // r1 = 0 turns the recipe's R1 off.
        if let v = try s.float("r1") {
            try s.require(!(v < 0), "r1", "must be 0 (off) or positive")
            c.r1Gamma = v == 0 ? nil : v
        }
        if let v = try s.int("r1-every") { c.r1Interval = v }
        modeCheck = !(try s.bool("no-mode-check"))
        config = c
        if c.adaTarget != nil, c.diffAugment == nil {
            throw SettingError(key: "ada-target", value: "", rule: "needs diffaugment (or recipe fewshot)")
        }
        // Values only the trainer can judge (batch 0, lr nan, beta1 1.5, ema 1.5, …) are named by their keys too.
        do { try self.config(imageSize: size ?? 64).validate() } catch {
            guard case .invalidValue(let field, let value, let rule) = error else {
                throw SettingError(key: "train", value: "", rule: error.description)
            }
            throw SettingError(key: Self.settingKeyByField[field] ?? field, value: value, rule: rule)
        }
    }

    /// ``config`` at `imageSize`.
    public func config(imageSize: Int) -> DCGANConfig {
        var c = config
        c.imageSize = imageSize
        return c
    }

    /// A trainer on `dataset` (a dataset folder or a folder of images) writing
    /// `runFolder`, at ``size`` or the images' own size; the caller adds a mode
    /// hash (``GANTrainer/modeHash``) when ``modeCheck`` is on.
    public func trainer(dataset: URL, runFolder: URL) throws(GANError) -> GANTrainer {
        let imageSize: Int
        if let size { imageSize = size } else { imageSize = try Self.detectSize(folder: dataset, pattern: config.pattern) }
        let data = try TrainingSet.load(folder: dataset, pattern: config.pattern, imageSize: imageSize, resize: config.resize == true)
        let trainer = try GANTrainer(config: config(imageSize: imageSize), data: data, runFolder: runFolder)
        trainer.timeLimit = timeLimit?.seconds
        return trainer
    }

    /// The side of the first image (so the size can be left out for a square set).
    public static func detectSize(folder: URL, pattern: String?) throws(GANError) -> Int {
        let probe = try TrainingSet.firstImageSize(folder: folder, pattern: pattern)
        guard probe.width == probe.height, imageSizes.contains(probe.width) else {
            throw .invalidValue(field: "imageSize", value: "\(probe.width)×\(probe.height)",
                                rule: "\(probe.file) is not a square of 32, 64, 128 or 256 px; choose one of those sizes (and resize to scale images)")
        }
        return probe.width
    }
}
