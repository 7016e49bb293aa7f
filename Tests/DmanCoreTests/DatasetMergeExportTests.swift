import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct DatasetMergeExportTests {
    /// Writes a dataset folder holding `ids`, each a distinct tiny PNG.
    static func makeDataset(_ dir: URL, ids: [String], label: String? = "cat") throws -> [DatasetRecord] {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var records: [DatasetRecord] = []
        for id in ids {
            let image = SyntheticImage.textured(width: 8, height: 8, seed: Shard.stableHash(id))
            let png = try ImageCodec.pngData(image)
            try png.write(to: dir.appendingPathComponent("\(id).png"))
            records.append(DatasetRecord(id: id, file: "\(id).png", sha256: SHA256.hex(png), width: 8, height: 8,
                                         family: id, provenance: Provenance(source: "\(id).jpg", label: label)))
        }
        try DatasetFolder(dir).save(DatasetDocument(stage: "crop", records: records))
        return records
    }

    @Test func mergeOfShardsEqualsTheWhole() throws {
        let tmp = TemporaryDirectory()
        let ids = (0..<12).map { "p\($0)_0" }
        let whole = try Self.makeDataset(tmp.path("whole"), ids: ids)
        let shards = (0..<3).map { Shard(index: $0, count: 3) }
        for (i, shard) in shards.enumerated() {
            _ = try Self.makeDataset(tmp.path("s\(i)"), ids: ids.filter { shard.contains($0) })
        }
        let summary = try DatasetMerge.merge(shards: (0..<3).map { tmp.path("s\($0)") }, into: tmp.path("merged"))
        #expect(summary.records == 12)
        let merged = try DatasetFolder(tmp.path("merged")).load()
        #expect(merged.records == whole.sorted { $0.id < $1.id })
        for r in merged.records {
            #expect(try Data(contentsOf: tmp.path("merged/\(r.file)")) == Data(contentsOf: tmp.path("whole/\(r.file)")))
        }
        // Rerun copies nothing new.
        #expect(try DatasetMerge.merge(shards: (0..<3).map { tmp.path("s\($0)") }, into: tmp.path("merged")).copiedFiles == 0)
    }

    @Test func conflictingRecordsAreRefused() throws {
        let tmp = TemporaryDirectory()
        _ = try Self.makeDataset(tmp.path("a"), ids: ["x"])
        _ = try Self.makeDataset(tmp.path("b"), ids: ["y"])
        try FileManager.default.moveItem(at: tmp.path("b/y.png"), to: tmp.path("b/x.png"))
        var doc = try DatasetFolder(tmp.path("b")).load()
        doc.records[0].id = "x"
        doc.records[0].file = "x.png"
        try DatasetFolder(tmp.path("b")).save(doc)
        #expect { try DatasetMerge.merge(shards: [tmp.path("a"), tmp.path("b")], into: tmp.path("m")) } throws: {
            String(describing: $0).contains("record x differs")
        }
    }

    @Test func exportLayouts() throws {
        let tmp = TemporaryDirectory()
        _ = try Self.makeDataset(tmp.path("d"), ids: ["a", "b"])
        var doc = try DatasetFolder(tmp.path("d")).load()
        doc.order = EpochOrder(batch: 2, seed: 1, ids: ["b", "a"])
        try DatasetFolder(tmp.path("d")).save(doc)
        #expect(try DatasetExport.export(tmp.path("d"), to: tmp.path("if"), layout: .imagefolder) == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path("if/cat").path).sorted() == ["a.png", "b.png"])
        try DatasetExport.export(tmp.path("d"), to: tmp.path("tf"), layout: .dcganTensorflow, name: "mascot")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path("tf/mascot").path).sorted()
                == ["000000_b.png", "000001_a.png"])
    }
}
