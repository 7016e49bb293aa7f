import Augment
import Crop
import DatasetAudit
import DmanCore
import GANCore

/// One stage of a pipeline, named as its `dman` command and its config section.
public enum PipelineStage: String, Sendable, Codable, CaseIterable {
    case crop, augment, audit, train, eval, generate, export

    /// The setting keys the stage reads (its command's long flags without the
    /// dashes), besides `jobs`, which every stage takes.
    public var settingKeys: [String] {
        switch self {
        case .crop: return CropOptions.settingKeys
        case .augment: return AugmentOptions.settingKeys
        case .audit: return AuditSession.settingKeys
        case .train: return TrainSettings.settingKeys
        case .eval: return EvalSettings.settingKeys
        case .generate: return GenerateSettings.settingKeys
        case .export: return DatasetExport.Settings.settingKeys
        }
    }
}
