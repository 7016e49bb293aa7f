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
    var exported: URL { root.appendingPathComponent("export") }

    /// The stages in order, with the defaults the pipeline adds before the
    /// config's own flags (a flag given twice takes the config's value).
    /// `eval` always runs after `train`; `export` only when the config has an `[export]` section.
    func stages(manifest: String, config: PipelineConfig = PipelineConfig()) -> [PipelineRunner.Stage] {
        var stages: [PipelineRunner.Stage] = [
            .init(name: "crop", input: manifest, output: crops.path, defaults: ["--size", "96"]),
            .init(name: "augment", input: crops.path, output: augmented.path,
                  defaults: ["--rotations", "±5", "--unsharp", "0x1+1+0.05", "--flip", "--size", "64",
                             "--preview", preview.path]),
            .init(name: "audit", input: augmented.path, output: nil,
                  defaults: ["--dedupe", "--order", "balanced", "--batch", "64", "--report", report.path]),
            .init(name: "train", input: augmented.path, output: run.path, defaults: ["--keep-checkpoints", "0"]),
            .init(name: "eval", input: run.path, output: nil, positional: [augmented.path], defaults: ["--seed", "7"]),
            .init(name: "generate", input: run.path, output: generated.path, defaults: ["--count", "64"]),
        ]
        if config.options["export"] != nil {
            stages.append(.init(name: "export", input: augmented.path, output: exported.path, defaults: []))
        }
        return stages
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
