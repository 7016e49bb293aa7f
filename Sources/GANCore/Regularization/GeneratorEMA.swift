import DmanCore

/// The exponential moving average of a generator's weights (`--ema`) and a
/// second generator that samples with the averaged weights.
///
/// Updated once per iteration, after the iteration's last G step.
/// BatchNorm running statistics cannot be averaged like weights: the live
/// generator's statistics describe the live weights' activations, and paired
/// with averaged weights they shift and scale every layer wrongly (samples
/// drift towards flat grey as the two diverge). ``refresh()`` therefore
/// recomputes the sampler's statistics for the averaged weights ("standing
/// statistics", as BigGAN does): it runs ``standingBatches`` training-mode
/// batches of fixed latent vectors through the sampler and sets each running
/// mean and variance to the exact average of the batch values.
public final class GeneratorEMA: @unchecked Sendable {
    public var average: WeightEMA {
        didSet { refreshedAtUpdate = nil }
    }
    /// `average.updates` when ``sampler`` was last refreshed (a sample step
    /// asks for it several times: grid, mode count, checkpoint).
    private var refreshedAtUpdate: Int?
    private let live: DCGANGenerator
    /// Generator holding the averaged weights after ``refresh()``.
    public let sampler: DCGANGenerator
    /// Batches (of the training batch size) used to recompute BatchNorm statistics.
    public let standingBatches: Int
    private let seed: UInt64

    public init(generator: DCGANGenerator, decay: Float, warmUp: Bool = true, standingBatches: Int = 8, seed: UInt64 = 0) {
        live = generator
        average = WeightEMA(copying: generator.network.parameters.map(\.value.array), decay: decay, warmUp: warmUp)
        sampler = DCGANGenerator(config: generator.config, workspace: Workspace())
        self.standingBatches = standingBatches
        self.seed = seed
    }

    /// Folds the live weights into the average.
    public func update() {
        average.update(from: live.network.parameters.map { UnsafeBufferPointer(start: $0.value.data, count: $0.value.count) })
    }

    /// Copies the averaged parameters into ``sampler`` and recomputes its
    /// BatchNorm statistics for them (once per update of the average).
    /// Deterministic: the latent vectors come from (seed, batch index),
    /// whatever the training step.
    @discardableResult
    public func refresh() -> DCGANGenerator {
        if refreshedAtUpdate == average.updates { return sampler }
        defer { refreshedAtUpdate = average.updates }
        // Parameters come from the average and running statistics are recomputed below;
        // of the live state only the buffers' bookkeeping (num_batches_tracked) carries over.
        for ((_, dst), (_, src)) in zip(sampler.network.layers.flatMap(\.buffers), live.network.layers.flatMap(\.buffers)) {
            dst.copy(from: src)
        }
        average.copy(into: sampler.network.parameters.map { UnsafeMutableBufferPointer(start: $0.value.data, count: $0.value.count) })
        recomputeBatchNormStatistics()
        return sampler
    }

    /// Sets every sampler BatchNorm's running mean / (unbiased) variance to
    /// the mean over ``standingBatches`` batches: batch k enters with
    /// momentum 1/(k+1), a cumulative average.
    private func recomputeBatchNormStatistics() {
        let norms = sampler.network.layers.compactMap { $0 as? BatchNorm }
        guard standingBatches > 0, !norms.isEmpty else { return }
        let config = sampler.config
        let saved = norms.map(\.momentum)
        let z = Tensor(shape: [config.batchSize, config.zDim])
        for k in 0..<standingBatches {
            for bn in norms { bn.momentum = 1 / Float(k + 1) }
            var rng = SplitMix64.derived(seed: seed, item: "standing-\(k)", stage: "gan-ema-bn")
            Initialization.fillLatent(z, distribution: config.zDistribution, rng: &rng)
            _ = sampler.forward(z, training: true)
        }
        for (bn, m) in zip(norms, saved) { bn.momentum = m }
    }
}
