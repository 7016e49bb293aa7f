/// A named set of training settings (`dman train --recipe`), applied to a
/// ``DCGANConfig`` before the flags given explicitly, which override it.
///
/// - ``dcgan``: carpedm20's DCGAN exactly (BCE, two G steps, one learning
///   rate, uniform z, no augmentation, no EMA): the parity reference.
/// - ``fewshot``: for a few hundred images: DiffAugment `translation,cutout`
///   and an EMA of G (decay 0.999, warmed up), carpedm20's settings otherwise.
///   Chosen by `bench/gan-quality/` at equal wall-clock on two data seeds
///   (see its README): hinge loss, one G step, normal z, TTUR and adaptive
///   augmentation were each measured on top of it and none helped at a
///   few-minute budget.
public enum GANRecipe: String, Codable, Sendable, CaseIterable {
    case dcgan
    case fewshot

    /// What `dman train` and a pipeline's `[train]` use when no recipe is
    /// named: ``fewshot``, which beat ``dcgan`` (SWD 0.78×) and pytorch/examples'
    /// DCGAN (SWD 0.72× at 32 px in 20 minutes, 0.51× at 64 px in 60) at equal
    /// wall-clock in `bench/gan-quality/`. ``dcgan`` stays for parity.
    public static let recommended = GANRecipe.fewshot

    /// Sets the fields the recipe decides; leaves the others (size, width,
    /// batch, seed, budget) alone.
    public func apply(to c: inout DCGANConfig) {
        let reference = DCGANConfig()
        c.diffAugment = nil; c.emaDecay = nil; c.loss = nil; c.adaTarget = nil; c.r1Gamma = nil; c.r1Interval = nil
        c.generatorSteps = reference.generatorSteps
        c.generatorLearningRate = nil; c.discriminatorLearningRate = nil
        c.zDistribution = reference.zDistribution
        if self == .fewshot {
            c.diffAugment = DiffAugmentPolicy([.translation, .cutout])
            c.emaDecay = 0.999
        }
    }
}
