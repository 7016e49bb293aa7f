import Augment
import Crop
import DatasetAudit
import DmanCore
import Foundation
import GANCore

/// What a running ``Pipeline`` reports, in order; a front end renders it.
public enum PipelineEvent: Sendable {
    /// A stage starts; `command` is the `dman` command that would do the same.
    case stageStarted(PipelineStage, command: [String])
    /// A stage finished earlier with the same settings and is not run again.
    case stageSkipped(PipelineStage)
    /// A stage's own progress (bar, per-item warnings and failures).
    case progress(PipelineStage, ProgressEvent)
    /// The audit stage's steps (journal recovery, cache, report).
    case audit(AuditSession.Event)
    /// The train stage's events (iterations, samples, checkpoints, mode counts).
    case training(TrainingEvent)
    /// A stage finished (possibly with per-item errors, see ``StageOutcome/status``).
    case stageFinished(StageOutcome, StageResult)
    /// A stage failed; the pipeline stops (the error is thrown next).
    case stageFailed(PipelineStage, PipelineError)
}

/// What a stage produced, as its library returned it.
public enum StageResult: Sendable {
    case crop(CropSummary)
    case augment(AugmentSummary)
    case audit(AuditSession.Outcome)
    /// The step training reached, whether it was stopped early (interrupted), and the run folder.
    case train(step: Int, stopped: Bool, run: URL)
    case eval([CheckpointEvaluation])
    case generate(ImageGeneration.Output)
    case export(files: Int, folder: URL, layout: DatasetExport.Layout)

    /// Whether some items failed while the stage still finished.
    public var hasItemErrors: Bool {
        switch self {
        case .crop(let s): return s.failed > 0
        case .augment(let s): return s.failedSources > 0
        default: return false
        }
    }
}

/// How a stage ended; also one entry of `--json`'s `stages` list.
public struct StageOutcome: Sendable, Codable, Equatable {
    /// How a stage ended.
    public enum Status: String, Sendable, Codable {
        /// Ran and finished.
        case done
        /// Finished earlier with the same settings; not run again.
        case skipped
        /// Finished, but some items failed (each reported).
        case errors
        /// Interrupted (``Pipeline/requestStop()``); rerun to resume.
        case stopped
    }

    public var stage: PipelineStage
    public var status: Status
    /// The `dman` command that does the same (``PipelinePlan/Step/command``).
    public var arguments: [String]
    public var seconds: Double

    public init(stage: PipelineStage, status: Status, arguments: [String], seconds: Double) {
        self.stage = stage
        self.status = status
        self.arguments = arguments
        self.seconds = seconds
    }
}
