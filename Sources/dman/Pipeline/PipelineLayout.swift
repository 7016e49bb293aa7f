import DmanCore
import Foundation

/// The folders of a pipeline run and the stages that fill them.
struct PipelineLayout {
    let root: URL

    var crops: URL { root.appendingPathComponent("crops") }
    var augmented: URL { root.appendingPathComponent("augmented") }
    var report: URL { root.appendingPathComponent("audit-report.html") }
    var preview: URL { root.appendingPathComponent("augment-preview.png") }
    var run: URL { root.appendingPathComponent("run") }
    var generated: URL { root.appendingPathComponent("generated") }

    /// The stages in order, with the defaults the pipeline adds before the
    /// config's own flags (a flag given twice takes the config's value).
    func stages(manifest: String) -> [PipelineRunner.Stage] {
        [
            .init(name: "crop", input: manifest, output: crops.path, defaults: ["--size", "96"]),
            .init(name: "augment", input: crops.path, output: augmented.path,
                  defaults: ["--rotations", "±5", "--unsharp", "0x1+1+0.05", "--flip", "--size", "64",
                             "--preview", preview.path]),
            .init(name: "audit", input: augmented.path, output: nil,
                  defaults: ["--dedupe", "--order", "balanced", "--batch", "64", "--report", report.path]),
        ]
    }

    /// Counts at each stage, read back from the folders (not from memory, so
    /// a resumed run reports the same table).
    func summaryRows(manifest: URL) -> [(String, String)] {
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
        return rows
    }
}
