import DmanCore
import Foundation

/// The folders of a pipeline run, what each stage reads and writes there,
/// and the settings the pipeline gives each stage by default.
public struct PipelineLayout: Sendable {
    /// The pipeline's output folder.
    public let root: URL

    public var crops: URL { root.appendingPathComponent("crops") }
    public var augmented: URL { root.appendingPathComponent("augmented") }
    public var report: URL { root.appendingPathComponent("audit-report.html") }
    public var preview: URL { root.appendingPathComponent("augment-preview.png") }
    public var run: URL { root.appendingPathComponent("run") }
    public var generated: URL { root.appendingPathComponent("generated") }
    public var exported: URL { root.appendingPathComponent("export") }

    public init(root: URL) { self.root = root }

    /// Where a stage reads and writes: its input, a second input (eval's
    /// dataset), and its output folder, if it has one.
    public func folders(of stage: PipelineStage, manifest: URL) -> (input: URL, dataset: URL?, output: URL?) {
        switch stage {
        case .crop: return (manifest, nil, crops)
        case .augment: return (crops, nil, augmented)
        case .audit: return (augmented, nil, nil)
        case .train: return (augmented, nil, run)
        case .eval: return (run, augmented, nil)
        case .generate: return (run, nil, generated)
        case .export: return (augmented, nil, exported)
        }
    }

    /// The settings the pipeline gives a stage before the config's own (a
    /// key the config also sets takes the config's value).
    public func defaults(of stage: PipelineStage) -> [(key: String, value: JSONValue)] {
        switch stage {
        case .crop: return [("size", .number(96))]
        case .augment: return [("rotations", .string("±5")), ("unsharp", .string("0x1+1+0.05")), ("flip", .bool(true)),
                               ("size", .number(64)), ("preview", .string(preview.path))]
        case .audit: return [("dedupe", .bool(true)), ("order", .string("balanced")), ("batch", .number(64)),
                             ("report", .string(report.path))]
        case .train: return [("keep-checkpoints", .number(0))]
        case .eval: return [("seed", .number(7))]
        case .generate: return [("count", .number(64))]
        case .export: return []
        }
    }

    /// The stages that run, in order: `eval` always after `train`; `export`
    /// only when the config has an `[export]` section.
    public static func stages(for config: PipelineConfig) -> [PipelineStage] {
        PipelineStage.allCases.filter { $0 != .export || config.sections["export"] != nil }
    }

    /// Counts at each stage, read back from the folders (not from memory, so
    /// a resumed run reports the same table).
    public func summaryRows(manifest: URL) -> [(String, String)] {
        var rows: [(String, String)] = []
        if let doc = try? DatasetFolder(crops).load() {
            let sources = Set(doc.records.map(\.provenance.source)).count
            rows.append(("sources", "\(sources)"))
            rows.append(("crops", "\(doc.records.count)"))
        }
        if let doc = try? DatasetFolder(augmented).load() {
            rows.append(("augmented", "\(doc.records.count)"))
            rows.append(("quarantined", "\(doc.quarantine?.count ?? 0)"))
        }
        if let csv = try? String(contentsOf: run.appendingPathComponent("losses.csv"), encoding: .utf8) {
            let lines = csv.split(separator: "\n").dropFirst()
            rows.append(("iterations", lines.last.map { String($0.split(separator: ",")[0]) } ?? "0"))
            // Last logged mode count: fake vs real clusters among 256 images.
            if let header = csv.split(separator: "\n").first?.split(separator: ",").map(String.init),
               let fi = header.firstIndex(of: "modes_fake"), let ri = header.firstIndex(of: "modes_real"),
               let row = lines.last(where: { $0.split(separator: ",", omittingEmptySubsequences: false).count > max(fi, ri)
                   && !$0.split(separator: ",", omittingEmptySubsequences: false)[fi].isEmpty }) {
                let cells = row.split(separator: ",", omittingEmptySubsequences: false)
                rows.append(("modes", "\(cells[fi]) generated vs \(cells[ri]) real (of 256)"))
            }
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: generated.path) {
            rows.append(("generated", "\(names.filter { $0.hasSuffix(".png") && $0 != "grid.png" }.count)"))
        }
        return rows
    }
}
