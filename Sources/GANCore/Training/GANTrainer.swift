import DmanCore
import Foundation

/// Trains a DCGAN on a ``TrainingSet`` into a ``RunFolder``, resuming from the
/// folder's newest checkpoint.
///
/// Every random draw of iteration `i` (z, and the data order of its epoch)
/// comes from generators derived from (seed, i), and a checkpoint holds every
/// weight, BatchNorm statistic and Adam moment, so a run stopped and resumed
/// continues exactly as if it had not stopped (bit for bit with one thread).
///
/// The run stops after `min(epochs × batchesPerEpoch, iterations)` completed
/// iterations. If the newest checkpoint already reached that, running again
/// trains that many iterations more ("cast the spell again to train more").
///
///     let data = try TrainingSet.load(folder: dataset, imageSize: config.imageSize)
///     let trainer = try GANTrainer(config: config, data: data, runFolder: run)
///     try trainer.run { event in print(event) }
public final class GANTrainer: @unchecked Sendable {
    public let config: DCGANConfig
    public let data: TrainingSet
    public let folder: RunFolder
    private let stopLock = NSLock()
    private var stopFlag = false
    /// Perceptual hash for the mode-collapse detector (the CLI passes the
    /// audit's pHash); nil turns the detector off.
    public var modeHash: (@Sendable (PixelImage) -> UInt64)?
    /// Hamming threshold of the detector (the audit's default, 10).
    public var modeThreshold = 10
    private var realModeHashes: [UInt64]?

    /// Checks the config and the data, creates the run folder and writes
    /// `config.json`; refuses a folder made for other networks.
    public init(config: DCGANConfig, data: TrainingSet, runFolder: URL) throws(GANError) {
        try config.validate()
        guard data.imageSize == config.imageSize else {
            throw .invalidConfig("training images are \(data.imageSize)×\(data.imageSize) but --image-size is \(config.imageSize)")
        }
        guard data.batchesPerEpoch(batchSize: config.batchSize) > 0 else {
            throw .tooFewImages(folder: data.files.first.map { ($0 as NSString).deletingLastPathComponent } ?? "",
                                count: data.fixedOrder?.count ?? data.count, batch: config.batchSize)
        }
        self.config = config
        self.data = data
        folder = RunFolder(runFolder)
        try folder.create()
        if let old = try? Data(contentsOf: folder.configURL) {
            guard let previous = try? JSONDecoder().decode(DCGANConfig.self, from: old) else {
                throw .configMismatch(file: folder.configURL.path, detail: "config.json is not a DCGAN config")
            }
            guard previous.sameArchitecture(as: config) else {
                throw .configMismatch(file: folder.configURL.path, detail:
                    "image size \(previous.imageSize), z \(previous.zDim), gf \(previous.generatorWidth), df \(previous.discriminatorWidth)")
            }
        }
        let encoded = (try? DatasetFolder.encoder.encode(config)) ?? Data()
        try folder.write(encoded + Data("\n".utf8), to: folder.configURL)
    }

    /// Asks a running ``run(onEvent:)`` to stop after the current iteration
    /// (it then writes a checkpoint). Safe from any thread or a signal handler's queue.
    public func requestStop() {
        stopLock.lock(); stopFlag = true; stopLock.unlock()
    }

    private var stopRequested: Bool {
        stopLock.lock(); defer { stopLock.unlock() }
        return stopFlag
    }

    /// Trains until the target step, writing samples, checkpoints, `losses.csv`
    /// and the loss curve; returns the number of completed iterations.
    @discardableResult
    public func run(onEvent: (TrainingEvent) -> Void = { _ in }) throws(GANError) -> Int {
        Compute.setThreads(config.threads ?? Parallelism.defaultThreads)
        let model = DCGAN(config: config)
        let bpe = data.batchesPerEpoch(batchSize: config.batchSize)
        var step = 0
        var resumed: URL?
        if let latest = folder.latestCheckpoint {
            let saved = try Checkpoint.config(of: latest)
            guard saved.sameArchitecture(as: config) else {
                throw .configMismatch(file: latest.path, detail: "checkpoint has image size \(saved.imageSize), z \(saved.zDim)")
            }
            step = try Checkpoint.load(latest, into: model)
            resumed = latest
        }
        var perRun = config.epochs * bpe
        if let it = config.iterations { perRun = min(perRun, it) }
        let target = step >= perRun ? step + perRun : perRun
        var history = folder.readLosses(upTo: step, batchesPerEpoch: bpe)
        onEvent(.started(TrainingStart(step: step, targetStep: target, iterationsPerEpoch: bpe, imageCount: data.count,
                                       resumedFrom: resumed?.path, threads: Compute.threads)))
        let n = config.batchSize
        let real = Tensor(shape: [3, n, config.imageSize, config.imageSize])
        let z = Tensor(shape: [n, config.zDim])
        var orderEpoch = -1
        var order: [Int] = []
        var lastCheckpoint = step
        var stopped = false
        while step < target {
            if stopRequested { stopped = true; break }
            let epoch = step / bpe, b = step % bpe
            if epoch != orderEpoch {
                order = data.epochOrder(epoch, batchSize: n, seed: config.seed)
                orderEpoch = epoch
            }
            data.fill(real, indices: order[(b * n)..<((b + 1) * n)])
            var rng = SplitMix64.derived(seed: config.seed, item: "iteration-\(step)", stage: "gan-z")
            Initialization.fillLatent(z, distribution: config.zDistribution, rng: &rng)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let losses = model.trainIteration(real: real, z: z, step: step)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
            step += 1
            let record = IterationRecord(step: step, epoch: epoch, batch: b, batchesPerEpoch: bpe, losses: losses, seconds: seconds)
            history.append(record)
            onEvent(.iteration(record))
            if config.sampleEvery > 0 && step % config.sampleEvery == 0 {
                onEvent(.sampleWritten(step: step, file: try writeSample(model, step: step)))
                if let report = countModes(model) {
                    history[history.count - 1].modesFake = report.fakeModes
                    history[history.count - 1].modesReal = report.realModes
                    onEvent(.modes(step: step, report: report))
                }
            }
            if config.checkpointEvery > 0 && step % config.checkpointEvery == 0 {
                onEvent(.checkpointWritten(step: step, file: try writeCheckpoint(model, step: step, history: history)))
                lastCheckpoint = step
            }
        }
        if !stopped, let last = history.last, last.step == step, last.modesFake == nil, let report = countModes(model) {
            history[history.count - 1].modesFake = report.fakeModes
            history[history.count - 1].modesReal = report.realModes
            onEvent(.modes(step: step, report: report))
        }
        if step != lastCheckpoint || resumed == nil && step == 0 {
            onEvent(.checkpointWritten(step: step, file: try writeCheckpoint(model, step: step, history: history)))
        }
        if !stopped, step > 0, let (fraction, file) = try checkMemorisation(model) {
            onEvent(.memorisation(step: step, fraction: fraction, file: file))
        }
        onEvent(.finished(step: step, stopped: stopped))
        return step
    }

    /// The fixed latent vectors of the sample grids.
    func sampleLatents() -> Tensor {
        let z = Tensor(shape: [config.sampleCount, config.zDim])
        var rng = SplitMix64.derived(seed: config.seed, item: "samples", stage: "gan-z")
        Initialization.fillLatent(z, distribution: config.zDistribution, rng: &rng)
        return z
    }

    private func writeSample(_ model: DCGAN, step: Int) throws(GANError) -> URL {
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

    /// Modes among generated vs real images, or nil without ``modeHash``.
    private func countModes(_ model: DCGAN) -> ModeCountReport? {
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
    private func checkMemorisation(_ model: DCGAN) throws(GANError) -> (Double, URL)? {
        guard data.count >= 2 else { return nil }
        let images = model.samplingGenerator().generate(sampleLatents())
        let samples = (0..<images.shape[1]).map { SampleGrid.image(images, index: $0) }
        let training = (0..<data.count).map(data.image(at:))
        guard let report = try? MemorisationCheck.run(samples: samples, training: training) else { return nil }
        let url = folder.nearestURL
        try folder.writePNG(MemorisationCheck.nearestGrid(samples: samples, training: training, report: report), to: url)
        return (report.memorisedFraction, url)
    }

    private func writeCheckpoint(_ model: DCGAN, step: Int, history: [IterationRecord]) throws(GANError) -> URL {
        let url = folder.checkpointURL(step: step)
        try folder.write(Checkpoint.encode(model, step: step), to: url)
        try folder.writeLosses(history)
        let keep = config.keepCheckpoints ?? 2
        if keep > 0 { for old in folder.checkpoints().dropLast(keep) { try? FileManager.default.removeItem(at: old.url) } }
        return url
    }
}
