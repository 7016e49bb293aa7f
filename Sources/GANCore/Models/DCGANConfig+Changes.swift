/// Which settings of a run changed between two invocations, so resuming a
/// run with different training settings (a changed flag, or a changed
/// default after an upgrade) is said, not silent.
extension DCGANConfig {
    /// Fields that only say how long, how often or on how many threads a run
    /// trains; a resumed run changes them freely (`--iterations 2000`).
    public static let runControlFields: Set<String> = [
        "epochs", "iterations", "threads", "sampleEvery", "checkpointEvery", "sampleCount", "keepCheckpoints", "modeCheckCount",
    ]

    /// The fields, in declaration order, whose values differ between `self`
    /// and `other` and change what training does (augmentation, EMA, loss,
    /// learning rates, z, seed, data preparation, …); ``runControlFields``
    /// are left out.
    ///
    ///     var old = DCGANConfig(); GANRecipe.dcgan.apply(to: &old)
    ///     var new = old; GANRecipe.fewshot.apply(to: &new); new.iterations = 900
    ///     new.trainingFieldsDiffering(from: old)   // ["diffAugment", "emaDecay", "r1Gamma"]
    public func trainingFieldsDiffering(from other: DCGANConfig) -> [String] {
        zip(Mirror(reflecting: self).children, Mirror(reflecting: other).children).compactMap { mine, theirs in
            guard let field = mine.label, !Self.runControlFields.contains(field) else { return nil }
            return String(describing: mine.value) == String(describing: theirs.value) ? nil : field
        }
    }
}
