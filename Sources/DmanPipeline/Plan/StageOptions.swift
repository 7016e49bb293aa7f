import Augment
import Crop
import DatasetAudit
import DmanCore
import Foundation
import GANCore

/// A stage's typed options, read from its settings by the stage's own library
/// (``StageSettings``), exactly as the stage's command reads its flags.
public enum StageOptions: Sendable {
    case crop(CropOptions)
    case augment(AugmentOptions)
    case audit(AuditSession)
    case train(TrainSettings)
    case eval(EvalSettings)
    case generate(GenerateSettings)
    case export(DatasetExport.Settings)

    /// Reads `stage`'s options from `settings` for the folders `layout` gives it;
    /// every key must be one the stage reads.
    public static func read(_ stage: PipelineStage, settings s: StageSettings, jobs: Int?,
                            folders: (input: URL, dataset: URL?, output: URL?)) throws(SettingError) -> StageOptions {
        let options: StageOptions
        let workers = max(1, jobs ?? Parallel.defaultJobs)
        switch stage {
        case .crop:
            var o = try CropOptions(settings: s)
            o.jobs = workers
            options = .crop(o)
        case .augment:
            var o = try AugmentOptions(input: folders.input, output: folders.output!, settings: s)
            o.jobs = workers
            options = .augment(o)
        case .audit:
            var session = try AuditSession(folder: folders.input, settings: s)
            session.options.jobs = workers
            options = .audit(session)
        case .train:
            var t = try TrainSettings(settings: s)
            t.config.threads = t.config.threads ?? jobs
            options = .train(t)
        case .eval: options = .eval(try EvalSettings(settings: s))
        case .generate: options = .generate(try GenerateSettings(settings: s))
        case .export: options = .export(try DatasetExport.Settings(settings: s))
        }
        try s.finish()
        return options
    }
}
