/// Losses of one training iteration.
public struct IterationLosses: Sendable, Equatable, Codable {
    /// Discriminator loss on the real batch (label 1).
    public var discriminatorReal: Double
    /// Discriminator loss on the generated batch (label 0).
    public var discriminatorFake: Double
    /// Generator loss (label 1 on generated images) of the last generator step.
    public var generator: Double

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

    /// Builds both networks with weights drawn from `config.seed`.
    public init(config: DCGANConfig) {
        self.config = config
        generator = DCGANGenerator(config: config, workspace: workspace)
        discriminator = DCGANDiscriminator(config: config, workspace: workspace)
        generator.initialize(seed: config.seed)
        discriminator.initialize(seed: config.seed)
        generatorOptimizer = Adam(parameters: generator.network.parameters, learningRate: config.learningRate, beta1: config.beta1)
        discriminatorOptimizer = Adam(parameters: discriminator.network.parameters, learningRate: config.learningRate, beta1: config.beta1)
    }

    /// One iteration on a real batch `[3, N, S, S]` and latent vectors `[N, zDim]`.
    @discardableResult
    public func trainIteration(real: Tensor, z: Tensor) -> IterationLosses {
        let g = generator.network, d = discriminator.network
        // Discriminator step.
        var fake = g.forward(z, training: true)
        d.setComputesParameterGradients(true)
        d.needsInputGradient = false
        d.zeroGradients()
        var logits = d.forward(real, training: true)
        let lossReal = SigmoidCrossEntropy.loss(logits: logits, label: 1, gradient: logitGradient)
        d.backward(logitGradient)
        logits = d.forward(fake, training: true)
        let lossFake = SigmoidCrossEntropy.loss(logits: logits, label: 0, gradient: logitGradient)
        d.backward(logitGradient)
        discriminatorOptimizer.update()
        // Generator steps.
        d.setComputesParameterGradients(false)
        d.needsInputGradient = true
        var lossG = 0.0
        for step in 0..<config.generatorSteps {
            if step > 0 { fake = g.forward(z, training: true) }
            logits = d.forward(fake, training: true)
            lossG = SigmoidCrossEntropy.loss(logits: logits, label: 1, gradient: logitGradient)
            let dImages = d.backward(logitGradient)
            g.zeroGradients()
            g.backward(dImages)
            generatorOptimizer.update()
        }
        d.setComputesParameterGradients(true)
        d.needsInputGradient = false
        return IterationLosses(discriminatorReal: lossReal, discriminatorFake: lossFake, generator: lossG)
    }
}
