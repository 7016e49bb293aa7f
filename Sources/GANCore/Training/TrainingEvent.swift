import Foundation

/// What ``GANTrainer`` reports while it runs; the CLI renders these as a
/// progress bar or as JSON lines.
public enum TrainingEvent: Sendable {
    /// Training is about to start (or resume).
    case started(TrainingStart)
    /// One iteration finished.
    case iteration(IterationRecord)
    /// A sample grid PNG was written.
    case sampleWritten(step: Int, file: URL)
    /// A checkpoint was written (with `losses.csv` and the loss curve).
    case checkpointWritten(step: Int, file: URL)
    /// The mode-collapse detector ran (at a sample step or at the end).
    case modes(step: Int, report: ModeCountReport)
    /// The end-of-run memorisation check wrote `nearest.png`.
    case memorisation(step: Int, fraction: Double, file: URL)
    /// `--time-limit` ended training at `step` after `seconds` (over every run of the folder).
    case timeLimitReached(step: Int, seconds: Double)
    /// Training ended at `step`; `stopped` when ``GANTrainer/requestStop()`` ended it early.
    case finished(step: Int, stopped: Bool)
}

/// Where a run starts and where it will stop.
public struct TrainingStart: Sendable, Codable, Equatable {
    /// Completed iterations before this run (0 for a fresh run).
    public var step: Int
    /// The run stops after this many completed iterations (nil: only the time limit stops it).
    public var targetStep: Int?
    /// Full batches per epoch.
    public var iterationsPerEpoch: Int
    /// Images in the training set.
    public var imageCount: Int
    /// The checkpoint resumed from, if any.
    public var resumedFrom: String?
    /// Threads used.
    public var threads: Int
    /// Seconds trained by earlier runs of the folder.
    public var elapsedSeconds: Double = 0
    /// The run stops once the folder's training time reaches this (`--time-limit`).
    public var timeTarget: Double?
    /// When resuming: the ``DCGANConfig`` fields (run-control fields left out)
    /// whose values differ from the run's earlier `config.json`, which now
    /// records the new ones; nil when nothing changed.
    public var changedSettings: [String]?
}

/// One iteration's numbers (also one row of `losses.csv`).
public struct IterationRecord: Sendable, Codable, Equatable {
    /// Completed iterations including this one (1-based).
    public var step: Int
    /// Epoch of this iteration (0-based).
    public var epoch: Int
    /// Batch within the epoch (0-based).
    public var batch: Int
    public var batchesPerEpoch: Int
    public var losses: IterationLosses
    /// Wall-clock seconds of the iteration.
    public var seconds: Double
    /// Distinct modes among generated images, when the detector ran at this step.
    public var modesFake: Int?
    /// Distinct modes among real images, when the detector ran at this step.
    public var modesReal: Int?

    static let csvHeader = "step,epoch,batch,d_loss,d_loss_real,d_loss_fake,g_loss,seconds,modes_fake,modes_real,augment_p,r1"

    var csvLine: String {
        "\(step),\(epoch),\(batch),\(losses.discriminator),\(losses.discriminatorReal),\(losses.discriminatorFake),\(losses.generator),\(String(format: "%.4f", seconds)),\(modesFake.map(String.init) ?? ""),\(modesReal.map(String.init) ?? ""),\(losses.augmentProbability.map { String($0) } ?? ""),\(losses.r1Penalty.map { String($0) } ?? "")"
    }

    public init(step: Int, epoch: Int, batch: Int, batchesPerEpoch: Int, losses: IterationLosses, seconds: Double) {
        self.step = step
        self.epoch = epoch
        self.batch = batch
        self.batchesPerEpoch = batchesPerEpoch
        self.losses = losses
        self.seconds = seconds
    }

    init?(csvLine line: Substring, batchesPerEpoch: Int) {
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        guard [8, 10, 11, 12].contains(f.count), let s = Int(f[0]), let e = Int(f[1]), let b = Int(f[2]), let r = Double(f[4]),
              let fk = Double(f[5]), let g = Double(f[6]), let t = Double(f[7]) else { return nil }
        self.init(step: s, epoch: e, batch: b, batchesPerEpoch: batchesPerEpoch,
                  losses: IterationLosses(discriminatorReal: r, discriminatorFake: fk, generator: g), seconds: t)
        if f.count >= 10 { modesFake = Int(f[8]); modesReal = Int(f[9]) }
        if f.count >= 11 { self.losses.augmentProbability = Double(f[10]) }
        if f.count >= 12 { self.losses.r1Penalty = Double(f[11]) }
    }
}

extension TrainingEvent: Encodable {
    private enum Keys: String, CodingKey {
        case event, start, iteration, step, file, stopped, modes, fraction, message, seconds
    }

    /// One JSON object per event, tagged by `"event"`: `started`, `iteration`,
    /// `sample`, `checkpoint` or `finished` (for `dman train --json`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .started(let s):
            try c.encode("started", forKey: .event)
            try c.encode(s, forKey: .start)
        case .iteration(let r):
            try c.encode("iteration", forKey: .event)
            try c.encode(r, forKey: .iteration)
        case .sampleWritten(let step, let file):
            try c.encode("sample", forKey: .event)
            try c.encode(step, forKey: .step)
            try c.encode(file.path, forKey: .file)
        case .checkpointWritten(let step, let file):
            try c.encode("checkpoint", forKey: .event)
            try c.encode(step, forKey: .step)
            try c.encode(file.path, forKey: .file)
        case .modes(let step, let report):
            try c.encode("modes", forKey: .event)
            try c.encode(step, forKey: .step)
            try c.encode(report, forKey: .modes)
            try c.encode(report.message, forKey: .message)
        case .memorisation(let step, let fraction, let file):
            try c.encode("memorisation", forKey: .event)
            try c.encode(step, forKey: .step)
            try c.encode(fraction, forKey: .fraction)
            try c.encode(file.path, forKey: .file)
        case .timeLimitReached(let step, let seconds):
            try c.encode("time_limit", forKey: .event)
            try c.encode(step, forKey: .step)
            try c.encode(seconds, forKey: .seconds)
        case .finished(let step, let stopped):
            try c.encode("finished", forKey: .event)
            try c.encode(step, forKey: .step)
            try c.encode(stopped, forKey: .stopped)
        }
    }
}
