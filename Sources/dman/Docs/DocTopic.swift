import DatasetAudit
import Foundation

/// The documents `dman docs TOPIC` prints, shipped inside the binary so that
/// `--help` can point to them instead of to files of the source tree.
enum DocTopic: String, CaseIterable {
    case thresholds
    case pipelineConfig = "pipeline-config"
    case exitCodes = "exit-codes"
    case auditSchema = "audit-schema"
    case datasetSchema = "dataset-schema"
    case cropManifestSchema = "crop-manifest-schema"

    /// One line for the list of topics.
    var summary: String {
        switch self {
        case .thresholds: return "every audit check: what it measures, when it fires, its default threshold"
        case .pipelineConfig: return "an annotated `dman pipeline --config` file (TOML)"
        case .exitCodes: return "what each exit code means"
        case .auditSchema: return "JSON Schema of `dman audit --json`"
        case .datasetSchema: return "JSON Schema of dataset.json"
        case .cropManifestSchema: return "JSON Schema of the native crop manifest (`dman label` writes it)"
        }
    }

    /// The document. Thresholds are read from the library's defaults, so they cannot go stale.
    var text: String {
        switch self {
        case .thresholds:
            let defaults = AuditThresholds()
            let rows = AuditIssue.allCases.map { issue in
                let value = defaults.value(for: issue).map { "  default \($0)" } ?? ""
                return "\(issue.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)) \(issue.rule)\(value)"
            }
            return (["dman audit checks (change them through the DatasetAudit library; near-duplicates through",
                     "--hash, --threshold, --combined, --verify):", ""] + rows
                    + ["", "near-duplicate rule by default: \(NearDuplicateRule().summary)"]).joined(separator: "\n")
        case .pipelineConfig: return EmbeddedFiles.pipelineExample
        case .auditSchema: return EmbeddedFiles.auditReportSchema
        case .datasetSchema: return EmbeddedFiles.datasetSchema
        case .cropManifestSchema: return EmbeddedFiles.cropManifestSchema
        case .exitCodes:
            return """
            0    finished; every item processed (audit: also when it found problems)
            1    fatal: the command could not run (unreadable manifest or dataset, locked output folder, ...)
            2    finished with per-item errors; each was reported on one line naming the file
            64   bad usage (unknown flag, invalid value, also values only a library can judge)
            130  interrupted (Ctrl-C); rerun the same command to resume
            """
        }
    }
}
