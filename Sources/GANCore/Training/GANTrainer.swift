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
    private let stop = StopFlag()
    /// Held from `init` to the end of ``run(onEvent:)`` (taken again by a later
    /// run), so a second `dman train` on the same run folder refuses instead of
    /// interleaving checkpoints (and removing this one's temporaries in
    /// ``RunFolder/create()``); released after a run, so a process can resume
    /// the folder with a new trainer.
    private var folderLock: FolderLock?
    /// Training fields that differ from the folder's earlier `config.json`
    /// (reported in ``TrainingStart/changedSettings`` when a run resumes).
    public private(set) var settingsChangedSinceLastRun: [String] = []
    /// Perceptual hash for the mode-collapse detector (the CLI passes the
    /// audit's pHash); nil turns the detector off.
    public var modeHash: (@Sendable (PixelImage) -> UInt64)?
    /// Hamming threshold of the detector (the audit's default, 10).
    public var modeThreshold = 10
    var realModeHashes: [UInt64]?
    /// Wall-clock budget in seconds (`--time-limit`), counted over every run
    /// of the folder: the run stops at the first iteration boundary after it
    /// (like ``DCGANConfig/iterations``, a rerun that already reached it trains
    /// that long again). nil = no limit.
    public var timeLimit: Double?

    /// Checks the config and the data, creates the run folder and writes
    /// `config.json`; refuses a folder made for other networks.
    public init(config: DCGANConfig, data: TrainingSet, runFolder: URL) throws(GANError) {
        try config.validate()
        guard data.imageSize == config.imageSize else {
            throw .invalidValue(field: "imageSize", value: String(config.imageSize),
                                rule: "must equal the training images' side, \(data.imageSize)")
        }
        guard data.batchesPerEpoch(batchSize: config.batchSize) > 0 else {
            throw .tooFewImages(folder: data.files.first.map { ($0 as NSString).deletingLastPathComponent } ?? "",
                                count: data.fixedOrder?.count ?? data.count, batch: config.batchSize)
        }
        self.config = config
        self.data = data
        folder = RunFolder(runFolder)
        do { try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true) } catch {
            throw .write(file: folder.url.path, reason: (error as NSError).localizedDescription)
        }
        folderLock = try Self.lock(folder)
        try folder.create()
        if let old = try? Data(contentsOf: folder.configURL) {
            guard let previous = try? JSONDecoder().decode(DCGANConfig.self, from: old) else {
                throw .configMismatch(file: folder.configURL.path, detail: "config.json is not a DCGAN config")
            }
            guard previous.sameArchitecture(as: config) else {
                throw .configMismatch(file: folder.configURL.path, detail:
                    "image size \(previous.imageSize), z \(previous.zDim), gf \(previous.generatorWidth), df \(previous.discriminatorWidth)")
            }
            settingsChangedSinceLastRun = config.trainingFieldsDiffering(from: previous)
        }
        let encoded = (try? DatasetFolder.encoder.encode(config)) ?? Data()
        try folder.write(encoded + Data("\n".utf8), to: folder.configURL)
    }

    static func lock(_ folder: RunFolder) throws(GANError) -> FolderLock {
        do { return try FolderLock(folder: folder.url) } catch {
            if case .write(let file) = error { throw GANError(file) }
            throw .folderInUse(error.description)
        }
    }

    /// Asks a running ``run(onEvent:)`` to stop after the current iteration
    /// (it then writes a checkpoint). Safe from any thread or a signal handler's queue.
    public func requestStop() {
        stop.set()
    }

    private var stopRequested: Bool { stop.isSet }

    /// Trains until the target step (or the time limit), writing samples,
    /// checkpoints, `losses.csv` and the loss curve; at the end it writes a
    /// checkpoint, the final sample grid, the mode count and `nearest.png`.
    /// Returns the number of completed iterations.
    @discardableResult
    public func run(onEvent: (TrainingEvent) -> Void = { _ in }) throws(GANError) -> Int {
        if folderLock == nil { folderLock = try Self.lock(folder) }
        defer { folderLock = nil }
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
        var history = folder.readLosses(upTo: step, batchesPerEpoch: bpe)
        let target = Self.target(from: step, budget: config.iterationBudget(batchesPerEpoch: bpe, timeLimited: timeLimit != nil))
        let elapsedBefore = folder.trainingSeconds(atStep: step) ?? history.reduce(0) { $0 + $1.seconds }
        let timeTarget = timeLimit.flatMap { Self.target(from: elapsedBefore, budget: $0) }
        onEvent(.started(TrainingStart(step: step, targetStep: target, iterationsPerEpoch: bpe, imageCount: data.count,
                                       resumedFrom: resumed?.path, threads: Compute.threads,
                                       elapsedSeconds: elapsedBefore, timeTarget: timeTarget,
                                       changedSettings: resumed == nil || settingsChangedSinceLastRun.isEmpty ? nil : settingsChangedSinceLastRun)))
        let n = config.batchSize
        let real = Tensor(shape: [3, n, config.imageSize, config.imageSize])
        let z = Tensor(shape: [n, config.zDim])
        var orderEpoch = -1
        var order: [Int] = []
        var lastCheckpoint = step
        var stopped = false
        let runStart = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { elapsedBefore + Double(DispatchTime.now().uptimeNanoseconds - runStart) * 1e-9 }
        while step < (target ?? Int.max) {
            if stopRequested { stopped = true; break }
            if let timeTarget, elapsed() >= timeTarget {
                onEvent(.timeLimitReached(step: step, seconds: elapsed()))
                break
            }
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
                recordModes(model, step: step, history: &history, onEvent: onEvent)
            }
            if config.checkpointEvery > 0 && step % config.checkpointEvery == 0 {
                onEvent(.checkpointWritten(step: step, file: try writeCheckpoint(model, step: step, history: history, seconds: elapsed())))
                lastCheckpoint = step
            }
        }
        if step > 0 && !folder.hasSample(step: step) {
            onEvent(.sampleWritten(step: step, file: try writeSample(model, step: step)))
        }
        if !stopped, let last = history.last, last.step == step, last.modesFake == nil {
            recordModes(model, step: step, history: &history, onEvent: onEvent)
        }
        if step != lastCheckpoint || resumed == nil && step == 0 {
            onEvent(.checkpointWritten(step: step, file: try writeCheckpoint(model, step: step, history: history, seconds: elapsed())))
        }
        if !stopped, step > 0, let (fraction, file) = try checkMemorisation(model) {
            onEvent(.memorisation(step: step, fraction: fraction, file: file))
        }
        onEvent(.finished(step: step, stopped: stopped))
        return step
    }

    /// Where a run that has reached `done` stops for a per-run `budget`: the
    /// budget itself, or (when `done` already reached it, "cast the spell again")
    /// `done + budget`; nil budget means unbounded.
    static func target<T: Numeric & Comparable>(from done: T, budget: T?) -> T? {
        guard let budget else { return nil }
        return done >= budget ? done + budget : budget
    }
}
