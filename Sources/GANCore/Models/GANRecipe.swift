/// A named set of training settings (`dman train --recipe`), applied to a
/// ``DCGANConfig`` before the flags given explicitly, which override it.
///
/// - ``dcgan``: carpedm20's DCGAN exactly (BCE, two G steps, one learning
///   rate, uniform z, no augmentation, no EMA): the parity reference.
/// - ``fewshot``: for a few hundred images: DiffAugment `translation,cutout`,
///   an EMA of G (decay 0.999, warmed up) and lazy R1 on the reals (γ 0.01,
///   every 16 D steps; dcgan architecture only), carpedm20's settings
///   otherwise. Chosen by `bench/gan-quality/` at equal wall-clock (see its
///   README): hinge loss, one G step, normal z, TTUR and adaptive
///   augmentation were each measured on top of DiffAugment + EMA and none
///   helped at a few-minute budget; R1 γ 0.01 was selected on training seeds 11
///   and 22 and confirmed against PyTorch's DCGAN on 33, 44 and 55.
public enum GANRecipe: String, Codable, Sendable, CaseIterable {
    case dcgan
    case fewshot

    /// What `dman train` and a pipeline's `[train]` use when no recipe is
    /// named: ``fewshot``, which beat ``dcgan`` (SWD 0.78×) and pytorch/examples'
    /// DCGAN (SWD 0.61× with 89 % of the real set's modes at 32 px in 20
    /// minutes) at equal wall-clock in `bench/gan-quality/`. ``dcgan`` stays
    /// for parity.
    public static let recommended = GANRecipe.fewshot

    /// The R1 γ of ``fewshot`` (`--r1`), measured best of 0.01, 0.1 and 1.
    public static let fewshotR1Gamma: Float = 0.01

    /// Sets the fields the recipe decides; leaves the others (size, width,
    /// batch, seed, budget, architecture) alone. Set the architecture first:
    /// ``fewshot``'s R1 is for the dcgan architecture's discriminator and is
    /// left off for any other.
    public func apply(to c: inout DCGANConfig) {
        let reference = DCGANConfig()
        c.diffAugment = nil; c.emaDecay = nil; c.loss = nil; c.adaTarget = nil; c.r1Gamma = nil; c.r1Interval = nil
        c.generatorSteps = reference.generatorSteps
        c.generatorLearningRate = nil; c.discriminatorLearningRate = nil
        c.zDistribution = reference.zDistribution
        if self == .fewshot {
            c.diffAugment = DiffAugmentPolicy([.translation, .cutout])
            c.emaDecay = 0.999
            if c.resolvedArchitecture == .dcgan { c.r1Gamma = Self.fewshotR1Gamma }
        }
    }
}
