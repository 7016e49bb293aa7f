import DmanCore
import Foundation

/// What a run writes besides checkpoints' weights: sample grids, the mode
/// count, the memorisation check and the training-time record.
extension GANTrainer {
    /// The fixed latent vectors of the sample grids.
    func sampleLatents() -> Tensor {
        let z = Tensor(shape: [config.sampleCount, config.zDim])
        var rng = SplitMix64.derived(seed: config.seed, item: "samples", stage: "gan-z")
        Initialization.fillLatent(z, distribution: config.zDistribution, rng: &rng)
        return z
    }

    func writeSample(_ model: DCGAN, step: Int) throws(GANError) -> URL {
        let images = model.samplingGenerator().generate(sampleLatents())
        let url = folder.sampleURL(step: step)
        try folder.writePNG(SampleGrid.grid(images), to: url)
        return url
    }

    /// Generated images used by the mode-collapse detector (fixed z).
    func modeLatents() -> Tensor {
        let z = Tensor(shape: [config.modeCheckCount ?? 256, config.zDim])
        var rng = SplitMix64.derived(seed: config.seed, item: "modes", stage: "gan-z")
        Initialization.fillLatent(z, distribution: config.zDistribution, rng: &rng)
        return z
    }

    /// Runs the mode-collapse detector and stores its counts in the last history row.
    func recordModes(_ model: DCGAN, step: Int, history: inout [IterationRecord], onEvent: (TrainingEvent) -> Void) {
        guard let report = countModes(model) else { return }
        history[history.count - 1].modesFake = report.fakeModes
        history[history.count - 1].modesReal = report.realModes
        onEvent(.modes(step: step, report: report))
    }

    /// Modes among generated vs real images, or nil without ``modeHash``.
    func countModes(_ model: DCGAN) -> ModeCountReport? {
        guard let hash = modeHash else { return nil }
        let count = config.modeCheckCount ?? 256
        if realModeHashes == nil {
            realModeHashes = Parallel.map(data.sampleImages(count: count, seed: config.seed), hash)
        }
        return Self.modeReport(generated: model.samplingGenerator().generate(modeLatents()),
                               realHashes: realModeHashes ?? [], threshold: modeThreshold, hash: hash)
    }

    /// The detector's comparison of a generated batch `[3, N, S, S]` with the
    /// real images' hashes (what every sample step logs).
    public static func modeReport(generated images: Tensor, realHashes: [UInt64], threshold: Int,
                                  hash: @escaping @Sendable (PixelImage) -> UInt64) -> ModeCountReport {
        let fakes = (0..<images.shape[1]).map { SampleGrid.image(images, index: $0) }
        return ModeCount.report(fakeHashes: Parallel.map(fakes, hash), realHashes: realHashes, threshold: threshold)
    }

    /// Nearest training images of the sample grid's images, drawn into `nearest.png`.
    func checkMemorisation(_ model: DCGAN) throws(GANError) -> (Double, URL)? {
        guard data.count >= 2 else { return nil }
        let images = model.samplingGenerator().generate(sampleLatents())
        let samples = (0..<images.shape[1]).map { SampleGrid.image(images, index: $0) }
        let training = (0..<data.count).map(data.image(at:))
        guard let report = try? MemorisationCheck.run(samples: samples, training: training) else { return nil }
        let url = folder.nearestURL
        try folder.writePNG(MemorisationCheck.nearestGrid(samples: samples, training: training, report: report), to: url)
        return (report.memorisedFraction, url)
    }

    func writeCheckpoint(_ model: DCGAN, step: Int, history: [IterationRecord], seconds: Double) throws(GANError) -> URL {
        let url = folder.checkpointURL(step: step)
        try folder.write(Checkpoint.encode(model, step: step), to: url)
        try folder.writeLosses(history)
        try folder.writeTrainingSeconds(seconds, atStep: step)
        let keep = config.keepCheckpoints ?? 2
        if keep > 0 { for old in folder.checkpoints().dropLast(keep) { try? FileManager.default.removeItem(at: old.url) } }
        return url
    }
}
