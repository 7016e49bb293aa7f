import DmanCore

/// Losses of one training iteration.
public struct IterationLosses: Sendable, Equatable, Codable {
    /// Discriminator loss on the real batch (label 1).
    public var discriminatorReal: Double
    /// Discriminator loss on the generated batch (label 0).
    public var discriminatorFake: Double
    /// Generator loss (label 1 on generated images) of the last generator step.
    public var generator: Double
    /// Probability of augmenting an image in this iteration, under ``AdaptiveAugmentation``.
    public var augmentProbability: Double?
    /// D's reconstruction loss on the real batch (``GANArchitecture/fastgan``).
    public var reconstruction: Double?
    /// γ/2 · mean ‖∇ₓD(x)‖² on the real batch, in iterations that applied ``R1Penalty``.
    public var r1Penalty: Double?

    public init(discriminatorReal: Double, discriminatorFake: Double, generator: Double, augmentProbability: Double? = nil,
                reconstruction: Double? = nil, r1Penalty: Double? = nil) {
        self.discriminatorReal = discriminatorReal
        self.discriminatorFake = discriminatorFake
        self.generator = generator
        self.augmentProbability = augmentProbability
        self.reconstruction = reconstruction
        self.r1Penalty = r1Penalty
    }

    /// `discriminatorReal + discriminatorFake` (carpedm20's `d_loss`).
    public var discriminator: Double { discriminatorReal + discriminatorFake }
}

/// A generator, a discriminator, their two Adam optimisers and the update rule.
///
/// One ``trainIteration(real:z:)`` is carpedm20's iteration: one discriminator
/// update on a real and a generated batch (two passes, each with its own batch
/// statistics, gradients summed), then ``DCGANConfig/generatorSteps``
/// generator updates, all with the same z. The first generator step reuses the
/// generated batch of the discriminator step (the generator has not changed,
/// so the result is identical); during generator steps the discriminator
/// computes only input gradients, not parameter gradients.
public final class DCGAN: @unchecked Sendable {
    public let config: DCGANConfig
    public let workspace = Workspace()
    public let generator: DCGANGenerator
    public let discriminator: DCGANDiscriminator
    public let generatorOptimizer: Adam
    public let discriminatorOptimizer: Adam
    private let logitGradient = Tensor(shape: [0])
    /// DiffAugment (when ``DCGANConfig/diffAugment`` is set).
    public let augment: ChannelMajorAugment?
    /// Spectral normalisation of D (when ``DCGANConfig/spectralNorm``).
    public let spectralNorm: DiscriminatorSpectralNorm?
    /// EMA of G's weights (when ``DCGANConfig/emaDecay`` is set).
    public let ema: GeneratorEMA?
    /// Adaptive augmentation probability (when ``DCGANConfig/adaTarget`` is set); saved in checkpoints.
    public var ada: AdaptiveAugmentation?
    /// Lazy R1 on real images (when ``DCGANConfig/r1Gamma`` is set).
    public let r1: R1Penalty?
    private let augmentedFake = Tensor(shape: [0])

    /// Builds both networks with weights drawn from `config.seed`.
    public init(config: DCGANConfig) {
        self.config = config
        generator = DCGANGenerator(config: config, workspace: workspace)
        discriminator = DCGANDiscriminator(config: config, workspace: workspace)
        generator.initialize(seed: config.seed)
        discriminator.initialize(seed: config.seed)
        generatorOptimizer = Adam(parameters: generator.network.parameters,
                                  learningRate: config.resolvedGeneratorLearningRate, beta1: config.beta1)
        discriminatorOptimizer = Adam(parameters: discriminator.network.parameters,
                                      learningRate: config.resolvedDiscriminatorLearningRate, beta1: config.beta1)
        ada = config.adaTarget.map { AdaptiveAugmentation(target: $0) }
        if let policy = config.diffAugment, !policy.ops.isEmpty { augment = ChannelMajorAugment(policy: policy) } else { augment = nil }
        if let gamma = config.r1Gamma {
            let network = discriminator.network
            guard let penalty = R1Penalty(network: network, gamma: gamma, interval: config.resolvedR1Interval) else {
                preconditionFailure("R1 needs the dcgan discriminator (DCGANConfig.validate checks it)")
            }
            r1 = penalty
        } else {
            r1 = nil
        }
        spectralNorm = config.usesSpectralNorm ? DiscriminatorSpectralNorm(discriminator: discriminator, seed: config.seed) : nil
        if let decay = config.emaDecay {
            ema = GeneratorEMA(generator: generator, decay: decay, warmUp: config.emaWarmUp ?? true, seed: config.seed)
        } else {
            ema = nil
        }
    }

    /// The generator samples should come from: the EMA copy when on, else G.
    public func samplingGenerator() -> DCGANGenerator {
        ema?.refresh() ?? generator
    }

    private enum Target { case real, fake, generator }

    /// The configured loss of `logits` for `target`; its gradient goes to `logitGradient`.
    private func loss(_ logits: Tensor, _ target: Target) -> Double {
        switch config.resolvedLoss {
        case .bce:
            return SigmoidCrossEntropy.loss(logits: logits, label: target == .fake ? 0 : 1, gradient: logitGradient)
        case .hinge:
            logitGradient.resize(logits.shape)
            let x = UnsafeBufferPointer(start: logits.data, count: logits.count)
            let g = UnsafeMutableBufferPointer(start: logitGradient.data, count: logitGradient.count)
            switch target {
            case .real: return Double(HingeLoss.discriminatorReal(logits: x, gradient: g))
            case .fake: return Double(HingeLoss.discriminatorFake(logits: x, gradient: g))
            case .generator: return Double(HingeLoss.generator(logits: x, gradient: g))
            }
        }
    }

    /// One iteration on a real batch `[3, N, S, S]` and latent vectors `[N, zDim]`.
    ///
    /// `step` (completed iterations before this one) seeds the DiffAugment
    /// draws: real, then fake in the D step, then one per G step. The real
    /// batch is augmented in place.
    @discardableResult
    public func trainIteration(real: Tensor, z: Tensor, step: Int = 0) -> IterationLosses {
        let g = generator.network, d = discriminator.network
        var arng = SplitMix64.derived(seed: config.seed, item: "iteration-\(step)", stage: "gan-diffaugment")
        // Discriminator step.
        var fake = g.forward(z, training: true)
        spectralNorm?.normalize()
        d.setComputesParameterGradients(true)
        d.needsInputGradient = false
        d.zeroGradients()
        augment?.probability = ada?.probability ?? 1
        let probability = ada?.probability
        if let augment { augment.forward(real, into: real, rng: &arng) }
        discriminator.reconstruction?.target = real
        var logits = d.forward(real, training: true)
        let lossReal = loss(logits, .real)
        ada?.observe(realLogits: UnsafeBufferPointer(start: logits.data, count: logits.count))
        d.backward(logitGradient)
        var r1Penalty: Double?
        if let r1, r1.isDue(step: step) { r1Penalty = r1.accumulate(into: d, batch: logits.shape[0]) }
        discriminator.reconstruction?.target = nil
        if let augment { augment.forward(fake, into: augmentedFake, rng: &arng) }
        logits = d.forward(augment == nil ? fake : augmentedFake, training: true)
        let lossFake = loss(logits, .fake)
        d.backward(logitGradient)
        spectralNorm?.backward()
        discriminatorOptimizer.update()
        // Generator steps.
        spectralNorm?.normalize()
        d.setComputesParameterGradients(false)
        d.needsInputGradient = true
        var lossG = 0.0
        for step in 0..<config.generatorSteps {
            if step > 0 { fake = g.forward(z, training: true) }
            if let augment { augment.forward(fake, into: augmentedFake, rng: &arng) }
            logits = d.forward(augment == nil ? fake : augmentedFake, training: true)
            lossG = loss(logits, .generator)
            let dImages = d.backward(logitGradient)
            augment?.backward(dImages)
            g.zeroGradients()
            g.backward(dImages)
            generatorOptimizer.update()
        }
        spectralNorm?.restore()
        ema?.update()
        d.setComputesParameterGradients(true)
        d.needsInputGradient = false
        return IterationLosses(discriminatorReal: lossReal, discriminatorFake: lossFake, generator: lossG,
                               augmentProbability: probability, reconstruction: discriminator.reconstruction?.lastLoss,
                               r1Penalty: r1Penalty)
    }
}
