import DmanCore
import Foundation

/// One checkpoint's quality figures (`dman eval`).
public struct CheckpointEvaluation: Sendable, Codable, Equatable {
    /// The checkpoint file.
    public var checkpoint: String
    /// Completed iterations at that checkpoint.
    public var step: Int
    /// Whether G's EMA weights were used.
    public var usedEMA: Bool
    /// Images generated (and real images compared), per set.
    public var count: Int
    /// Sliced Wasserstein distance ×1e3 per pyramid level, finest first.
    public var swdPerLevel: [Double]
    /// Mean of ``swdPerLevel``.
    public var swdAverage: Double
    /// Mode count of the generated vs the real images (when a hash was given).
    public var modes: ModeCountReport?
    /// Fraction of (up to 64) samples closer to a training image than training images are to each other.
    public var memorisedFraction: Double
}

/// Weight-free evaluation of checkpoints against real images.
public enum RunEvaluation {
    /// Generates `real.count` images from `checkpoint` (z from `seed`; EMA
    /// weights when present) and compares them with `real` (SWD, modes) and
    /// with `training` (memorisation of the first 64).
    public static func evaluate(checkpoint: URL, real: [PixelImage], training: [PixelImage], seed: UInt64,
                                hash: (@Sendable (PixelImage) -> UInt64)?, threshold: Int = 10,
                                threads: Int? = nil) throws(GANError) -> CheckpointEvaluation {
        guard real.count >= 2 else { throw .invalidConfig("eval needs at least 2 real images, got \(real.count)") }
        Compute.setThreads(threads ?? Parallelism.defaultThreads)
        let config = try Checkpoint.config(of: checkpoint)
        let st = try Checkpoint.read(checkpoint)
        let generator = DCGANGenerator(config: config, workspace: Workspace())
        try ImageGeneration.loadGenerator(checkpoint, into: generator)
        let z = Tensor(shape: [real.count, config.zDim])
        var rng = SplitMix64.derived(seed: seed, item: "eval", stage: "gan-z")
        Initialization.fillLatent(z, distribution: config.zDistribution, rng: &rng)
        let images = generator.generate(z)
        let fakes = (0..<real.count).map { SampleGrid.image(images, index: $0) }
        var row = try evaluate(generated: fakes, real: real, training: training, seed: seed, hash: hash, threshold: threshold,
                               source: checkpoint.path)
        row.step = st.metadata["step"].flatMap(Int.init) ?? 0
        row.usedEMA = st.entries.keys.contains { $0.hasPrefix(Checkpoint.emaPrefix) }
        return row
    }

    /// The same figures for images generated elsewhere (another trainer's
    /// samples, or a real half for the real-vs-real floor): SWD and modes
    /// against `real` (same count), memorisation of the first 64 against `training`.
    public static func evaluate(generated fakes: [PixelImage], real: [PixelImage], training: [PixelImage], seed: UInt64,
                                hash: (@Sendable (PixelImage) -> UInt64)?, threshold: Int = 10,
                                source: String) throws(GANError) -> CheckpointEvaluation {
        guard real.count >= 2, fakes.count == real.count else {
            throw .invalidConfig("\(source): eval needs as many generated as real images (at least 2), got \(fakes.count) and \(real.count)")
        }
        let swd: (perLevel: [Double], average: Double)
        do { swd = try SlicedWasserstein.distance(real: real, fake: fakes, seed: seed) } catch {
            throw .invalidConfig("\(source): SWD: \(error.description)")
        }
        let modes = hash.map { ModeCount.report(fake: fakes, real: real, threshold: threshold, hash: $0) }
        let memorised = (try? MemorisationCheck.run(samples: Array(fakes.prefix(64)), training: training))?.memorisedFraction ?? 0
        return CheckpointEvaluation(checkpoint: source, step: 0, usedEMA: false, count: real.count,
                                    swdPerLevel: swd.perLevel, swdAverage: swd.average, modes: modes, memorisedFraction: memorised)
    }
}
