/// A named set of training settings (`dman train --recipe`), applied to a
/// ``DCGANConfig`` before the flags given explicitly, which override it.
///
/// - ``dcgan``: carpedm20's DCGAN exactly (BCE, two G steps, one learning
///   rate, uniform z, no augmentation): the parity reference.
/// - ``fewshot``: for a few hundred images; the settings chosen by
///   `bench/gan-quality/` at equal wall-clock (see its README for the table).
public enum GANRecipe: String, Codable, Sendable, CaseIterable {
    case dcgan
    case fewshot

    /// Sets the fields the recipe decides; leaves the others (size, width,
    /// batch, seed, budget) alone.
    public func apply(to c: inout DCGANConfig) {
        switch self {
        case .dcgan:
            let reference = DCGANConfig()
            c.diffAugment = nil; c.emaDecay = nil; c.loss = nil; c.adaTarget = nil
            c.generatorSteps = reference.generatorSteps
            c.generatorLearningRate = nil; c.discriminatorLearningRate = nil
            c.zDistribution = reference.zDistribution
        case .fewshot:
            c.diffAugment = DiffAugmentPolicy([.translation, .cutout])
            c.emaDecay = 0.999
            c.loss = .hinge
            c.generatorSteps = 1
            c.generatorLearningRate = 1e-4
            c.discriminatorLearningRate = 4e-4
            c.zDistribution = .normal
        }
    }
}
