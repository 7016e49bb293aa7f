import ArgumentParser
import DmanCore
import DmanPipeline
import Foundation
import GANCore

extension DCGANConfig.ZDistribution: ExpressibleByArgument {}
extension GANLoss: ExpressibleByArgument {}
extension GANRecipe: ExpressibleByArgument {}
extension GANArchitecture: ExpressibleByArgument {}
extension GeneratorUpsampling: ExpressibleByArgument {}

/// The audit's perceptual hash for GANCore's mode-collapse detector (moved to DmanPipeline, which the pipeline's train stage shares).
typealias GANHash = ModeHash

/// Renders trainer events on the console: a bar per epoch with it/s, ETA and
/// losses, warnings for mode collapse; with `--json-lines` one JSON object
/// per event, with `--json` the events gathered into one ``TrainingDocument``.
final class TrainingRenderer: @unchecked Sendable {
    let console: Console
    let stream: Bool
    private var iterationsPerEpoch = 1
    private var epoch = -1
    private var events: [TrainingEvent] = []
    private var iterations = 0
    private var lastIteration: IterationRecord?

    init(console: Console, stream: Bool = false) { self.console = console; self.stream = stream }

    /// The warning for a run resumed with different training settings, naming their keys.
    static func changedSettingsMessage(_ s: TrainingStart) -> String? {
        guard let changed = s.changedSettings else { return nil }
        let keys = changed.map { TrainSettings.settingKeyByField[$0] ?? $0 }
        return "resuming with settings that differ from the run's config.json: \(keys.joined(separator: ", ")) (config.json now records the new ones)"
    }

    func handle(_ event: TrainingEvent) {
        if console.json {
            if stream, let data = try? JSONLine.encoder.encode(event) {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            } else if case .iteration(let r) = event {
                iterations += 1; lastIteration = r
            } else {
                events.append(event)
            }
            if case .modes(_, let r) = event, r.likelyCollapse { console.warning(r.message) }
            if case .started(let s) = event, let message = Self.changedSettingsMessage(s) { console.warning(message) }
            return
        }
        switch event {
        case .started(let s):
            iterationsPerEpoch = s.iterationsPerEpoch
            let from = s.resumedFrom.map { ", resuming from \($0)" } ?? ""
            let to = s.targetStep.map { "step \(s.step) → \($0)" } ?? "from step \(s.step)"
            let limit = s.timeTarget.map { String(format: ", until %.0f s of training (%.0f s done)", $0, s.elapsedSeconds) } ?? ""
            console.say("training \(s.imageCount) images, \(s.iterationsPerEpoch) iterations per epoch, \(to)\(limit) on \(s.threads) threads\(from)")
            if let message = Self.changedSettingsMessage(s) { console.warning(message) }
        case .iteration(let r):
            if r.epoch != epoch {
                if epoch >= 0 { console.finishProgress() }
                epoch = r.epoch
                console.progressHandler(.started(stage: "epoch \(r.epoch + 1)", total: r.batchesPerEpoch, resumed: r.batch))
            }
            console.status(String(format: "D %.3f G %.3f", r.losses.discriminator, r.losses.generator))
            console.progressHandler(.advanced(completed: r.batch + 1, total: r.batchesPerEpoch))
        case .sampleWritten, .checkpointWritten:
            break
        case .timeLimitReached(let step, let seconds):
            console.finishProgress()
            console.say(String(format: "time limit reached at step %d after %.0f s of training", step, seconds))
        case .modes(let step, let r):
            if r.likelyCollapse { console.warning("step \(step): \(r.message)") }
        case .memorisation(_, let fraction, let file):
            console.finishProgress()
            console.say(String(format: "memorisation: %.1f%% of samples closer to a training image than training images are to each other (%@)",
                               fraction * 100, file.path))
        case .finished:
            console.finishProgress()
        }
    }
}

extension TrainingRenderer {
    /// `dman train --json`: one document for the whole run.
    struct TrainingDocument: Encodable {
        var run: String
        var step: Int
        var stopped: Bool
        /// Iterations trained by this command (a resumed run counts only its own).
        var iterations: Int
        /// The last iteration's record (losses, epoch, batch), if any ran.
        var lastIteration: IterationRecord?
        /// Every other event in order: start, samples, checkpoints, modes, memorisation, time limit, finish.
        var events: [TrainingEvent]
        enum CodingKeys: String, CodingKey { case run, step, stopped, iterations, lastIteration = "last_iteration", events }
    }

    func document(run: URL, step: Int, stopped: Bool) -> TrainingDocument {
        TrainingDocument(run: run.path, step: step, stopped: stopped, iterations: iterations, lastIteration: lastIteration, events: events)
    }
}

enum JSONLine {
    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
