import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// `dman demo` at a tiny size: every artefact exists and is well formed.
@Suite struct DemoCommandTests {
    @Test func tinyDemoWritesEveryArtefact() throws {
        let tmp = TemporaryDirectory()
        let root = tmp.url
        let r = try CLIRunner.run(["demo", "-o", root.path, "--count", "24", "--iterations", "4", "--size", "32"])
        #expect(r.status == 0, "\(r.stderr)")

        // Each stage's dataset.json matches the PNGs on disk, and they decode.
        for stage in ["crops", "augmented"] {
            let folder = root.appendingPathComponent(stage)
            let doc = try DatasetFolder(folder).load()
            #expect(!doc.records.isEmpty)
            let pngs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
            #expect(Set(pngs) == Set(doc.records.map(\.file)), "\(stage): files and records differ")
            for record in doc.records.prefix(20) {
                let data = try Data(contentsOf: folder.appendingPathComponent(record.file))
                #expect(SHA256.hex(data) == record.sha256)
                let image = try ImageCodec.decode(data).image
                #expect(image.width == record.width && image.height == record.height)
            }
        }
        let augmented = try DatasetFolder(root.appendingPathComponent("augmented")).load()
        #expect(augmented.records.allSatisfy { $0.width == 32 && $0.height == 32 })
        #expect(augmented.order?.ids.count == augmented.records.count)

        // The audit report names every quarantined family (one picture per family).
        let html = try String(contentsOf: root.appendingPathComponent("audit-report.html"), encoding: .utf8)
        for entry in augmented.quarantine ?? [] { #expect(html.contains("family \(entry.record.family) (")) }
        for entry in augmented.quarantine ?? [] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("augmented/\(entry.quarantinedFile)").path))
        }

        // Training artefacts, and the checkpoint loads (generate reads it).
        let run = root.appendingPathComponent("run")
        for name in ["config.json", "losses.csv", "loss-curve.png"] {
            #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent(name).path), "\(name)")
        }
        let checkpoints = try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("checkpoints").path)
        #expect(checkpoints.contains { $0.hasSuffix(".safetensors") })
        let grid = try ImageCodec.decode(Data(contentsOf: root.appendingPathComponent("generated/grid.png"))).image
        #expect(grid.width >= 32)
        let again = try CLIRunner.run(["generate", run.path, "-n", "3", "-o", tmp.path("g2").path])
        #expect(again.status == 0, "\(again.stderr)")
        _ = try ImageCodec.decode(Data(contentsOf: root.appendingPathComponent("augment-preview.png")))
        #expect(r.stdout.contains("quarantined"))
        #expect(r.stdout.contains("generated/grid.png"))
    }
}
