/// The adversarial loss (`--loss`).
public enum GANLoss: String, Codable, Sendable, CaseIterable {
    /// Sigmoid cross-entropy on logits (carpedm20's, the default).
    case bce
    /// Hinge loss on D's raw outputs (``HingeLoss``).
    case hinge
}

/// Every setting of a DCGAN run (carpedm20/DCGAN-tensorflow's defaults).
///
/// Saved as `config.json` in the run folder and inside every checkpoint. The
/// architecture fields (``imageSize``, ``zDim``, ``generatorWidth``,
/// ``discriminatorWidth``) must match when a run resumes.
public struct DCGANConfig: Codable, Sendable, Equatable {
    /// Distribution of the latent vector z.
    public enum ZDistribution: String, Codable, Sendable, CaseIterable {
        /// Uniform in [−1, 1) (carpedm20's default).
        case uniform
        /// Standard normal.
        case normal
    }

    /// Side of the square images: a power of two ≥ 8 (32, 64, 128 and 256 are
    /// the supported sizes; 8 and 16 exist for tests).
    public var imageSize = 64
    /// Length of z (`--z-dim`).
    public var zDim = 100
    /// `--z-dist`.
    public var zDistribution = ZDistribution.uniform
    /// Generator width `gf` (`--gf`): the last hidden layer has `gf` channels.
    public var generatorWidth = 64
    /// Discriminator width `df` (`--df`): the first layer has `df` channels.
    public var discriminatorWidth = 64
    /// Images per minibatch (`--batch`).
    public var batchSize = 64
    /// Epochs to train (`--epochs`); with ``iterations`` the run stops at
    /// whichever comes first. nil: ``defaultEpochs`` unless ``iterations`` (or
    /// a time limit) is given, so an explicit `--iterations` is never cut by
    /// the default.
    public var epochs: Int?
    /// Iterations to train (`--iterations`), counted from the run's start.
    public var iterations: Int?
    /// Epochs when neither `--epochs`, `--iterations` nor `--time-limit` is given.
    public static let defaultEpochs = 25
    /// Adam learning rate (`--lr`) of both networks, unless ``generatorLearningRate``
    /// or ``discriminatorLearningRate`` overrides it (TTUR, Heusel et al. 2017).
    public var learningRate: Float = 2e-4
    /// G's learning rate (`--lr-g`); nil = ``learningRate``.
    public var generatorLearningRate: Float?
    /// D's learning rate (`--lr-d`); nil = ``learningRate``.
    public var discriminatorLearningRate: Float?
    /// Adam β1 (`--beta1`).
    public var beta1: Float = 0.5
    /// Generator updates per discriminator update (`--g-steps`).
    public var generatorSteps = 2
    /// Seed of initialisation, data order and z (`--seed`).
    public var seed: UInt64 = 0
    /// Worker threads (`--threads`); nil means all cores.
    public var threads: Int?
    /// Write a sample grid every this many iterations (`--sample-every`; 0 = never).
    public var sampleEvery = 200
    /// Write a checkpoint every this many iterations (`--checkpoint-every`; 0 = only at the end).
    public var checkpointEvery = 200
    /// Images in each sample grid (from one fixed z).
    public var sampleCount = 64
    /// DiffAugment policy (`--diffaugment`); nil = off. Applied to real and
    /// generated batches in the D step and to generated ones in G steps.
    public var diffAugment: DiffAugmentPolicy?
    /// Decay of the EMA of G's weights (`--ema`); nil = off.
    public var emaDecay: Float?
    /// Whether the EMA's decay ramps up as `min(decay, (1+t)/(10+t))`
    /// (``WeightEMA/warmUp``); nil means on. Without it, 0.999 keeps ~80 %
    /// of the random initialisation after 200 iterations (`--no-ema-warmup`).
    public var emaWarmUp: Bool?
    /// Adversarial loss (`--loss`); nil means ``GANLoss/bce``.
    public var loss: GANLoss?
    /// Spectral normalisation of D's conv and linear weights (`--spectral-norm`); nil = off.
    public var spectralNorm: Bool?
    /// Checkpoints kept in the run folder (`--keep-checkpoints`; nil = 2, 0 = all).
    public var keepCheckpoints: Int?
    /// Generated (and real) images hashed by the mode-collapse detector.
    public var modeCheckCount: Int?
    /// Target of the adaptive augmentation probability (`--ada-target`, ADA's
    /// r_t = E[sign D(real)]; ``AdaptiveAugmentation``); nil = DiffAugment on
    /// every image (probability 1).
    public var adaTarget: Double?
    /// `--resize` of the run's data (centre-crop and resample), so `dman eval`
    /// prepares a data set the same way; nil = off.
    public var resize: Bool?
    /// `--pattern` of the run's data (shell pattern in a plain folder).
    public var pattern: String?
    /// The networks (`--arch`); nil means ``GANArchitecture/dcgan``.
    public var architecture: GANArchitecture?
    /// FastGAN generator's upsampling (`--g-upsample`); nil means ``GeneratorUpsampling/transposed``.
    public var generatorUpsampling: GeneratorUpsampling?
    /// γ of the R1 penalty on real images (`--r1`, ``R1Penalty``); nil = off.
    public var r1Gamma: Float?
    /// D steps between R1 applications (`--r1-every`); nil means ``defaultR1Interval``.
    public var r1Interval: Int?
    /// StyleGAN2's lazy-regularisation interval.
    public static let defaultR1Interval = 16

    /// ``architecture`` with its default.
    public var resolvedArchitecture: GANArchitecture { architecture ?? .dcgan }
    /// ``loss`` with its default.
    public var resolvedLoss: GANLoss { loss ?? .bce }
    /// G's Adam learning rate.
    public var resolvedGeneratorLearningRate: Float { generatorLearningRate ?? learningRate }
    /// D's Adam learning rate.
    public var resolvedDiscriminatorLearningRate: Float { discriminatorLearningRate ?? learningRate }

    /// Iterations one invocation trains from a fresh start: `min(epochs ×
    /// batchesPerEpoch, iterations)` of those given; nil (unbounded) when only a
    /// time limit bounds the run.
    public func iterationBudget(batchesPerEpoch bpe: Int, timeLimited: Bool) -> Int? {
        switch (epochs, iterations) {
        case let (e?, i?): return min(e * bpe, i)
        case let (e?, nil): return e * bpe
        case let (nil, i?): return i
        case (nil, nil): return timeLimited ? nil : Self.defaultEpochs * bpe
        }
    }
    /// ``r1Interval`` with its default.
    public var resolvedR1Interval: Int { r1Interval ?? Self.defaultR1Interval }
    /// Whether spectral normalisation is on.
    public var usesSpectralNorm: Bool { spectralNorm ?? false }

    public init() {}

    /// Number of ×2 stages between 4×4 and ``imageSize``.
    public var stages: Int {
        var s = 0, side = 4
        while side < imageSize { side *= 2; s += 1 }
        return s
    }

    /// Checks values and their combinations; an error names the field
    /// (``GANError/invalidValue(field:value:rule:)``), never a CLI flag.
    public func validate() throws(GANError) {
        func bad(_ field: String, _ value: some CustomStringConvertible, _ rule: String) -> GANError {
            .invalidValue(field: field, value: value.description, rule: rule)
        }
        guard imageSize >= 8, imageSize <= 1024, imageSize & (imageSize - 1) == 0 else {
            throw bad("imageSize", imageSize, "must be a power of two between 8 and 1024 (32, 64, 128 or 256)")
        }
        guard zDim > 0 else { throw bad("zDim", zDim, "must be positive") }
        guard generatorWidth > 0 else { throw bad("generatorWidth", generatorWidth, "must be positive") }
        guard discriminatorWidth > 0 else { throw bad("discriminatorWidth", discriminatorWidth, "must be positive") }
        guard batchSize > 0 else { throw bad("batchSize", batchSize, "must be positive") }
        if let epochs, epochs <= 0 { throw bad("epochs", epochs, "must be positive") }
        if let iterations, iterations <= 0 { throw bad("iterations", iterations, "must be positive") }
        for (field, lr) in [("learningRate", learningRate), ("generatorLearningRate", generatorLearningRate ?? 1),
                            ("discriminatorLearningRate", discriminatorLearningRate ?? 1)] {
            guard lr > 0, lr.isFinite else { throw bad(field, lr, "must be positive and finite") }
        }
        guard beta1 >= 0, beta1 < 1 else { throw bad("beta1", beta1, "must be in [0, 1)") }
        guard generatorSteps > 0 else { throw bad("generatorSteps", generatorSteps, "must be positive") }
        if let threads, threads <= 0 { throw bad("threads", threads, "must be positive") }
        guard sampleEvery >= 0 else { throw bad("sampleEvery", sampleEvery, "must be ≥ 0") }
        guard checkpointEvery >= 0 else { throw bad("checkpointEvery", checkpointEvery, "must be ≥ 0") }
        guard sampleCount > 0 else { throw bad("sampleCount", sampleCount, "must be positive") }
        if let emaDecay { guard emaDecay > 0, emaDecay < 1 else { throw bad("emaDecay", emaDecay, "must be in (0, 1)") } }
        if let keepCheckpoints, keepCheckpoints < 0 { throw bad("keepCheckpoints", keepCheckpoints, "must be ≥ 0") }
        if let modeCheckCount, modeCheckCount < 2 { throw bad("modeCheckCount", modeCheckCount, "must be at least 2") }
        if resolvedArchitecture == .fastgan, imageSize < 16 {
            throw bad("imageSize", imageSize, "must be at least 16 for the fastgan architecture")
        }
        if let r1Gamma {
            guard r1Gamma > 0, r1Gamma.isFinite else { throw bad("r1Gamma", r1Gamma, "must be positive and finite") }
            guard resolvedArchitecture == .dcgan else {
                throw bad("r1Gamma", r1Gamma, "needs the dcgan architecture's discriminator (exact second derivatives)")
            }
        }
        if let r1Interval, r1Interval <= 0 { throw bad("r1Interval", r1Interval, "must be positive") }
        if let adaTarget {
            guard adaTarget > 0, adaTarget < 1 else { throw bad("adaTarget", adaTarget, "must be in (0, 1)") }
            guard diffAugment.map({ !$0.ops.isEmpty }) ?? false else {
                throw bad("adaTarget", adaTarget, "needs diffAugment operations to adapt")
            }
        }
    }

    /// Whether `other` describes the same networks (so a checkpoint fits).
    public func sameArchitecture(as other: DCGANConfig) -> Bool {
        imageSize == other.imageSize && zDim == other.zDim && generatorWidth == other.generatorWidth
            && discriminatorWidth == other.discriminatorWidth && resolvedArchitecture == other.resolvedArchitecture
            && (resolvedArchitecture == .dcgan || generatorUpsampling ?? .transposed == other.generatorUpsampling ?? .transposed)
    }
}
