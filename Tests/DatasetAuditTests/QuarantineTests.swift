import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct QuarantineTests {
    /// Families A (small source), B (big source, near copy of A) and C (exact
    /// copy of A, padded); D unrelated. Each family has two images.
    static func makeSet(_ dir: URL) throws {
        let a = AuditFixtures.picture(11), d = AuditFixtures.picture(12)
        try AuditFixtures.makeDataset([
            .init(id: "a0", family: "A", image: a, sourceArea: (300, 200)),
            .init(id: "a1", family: "A", image: AuditFixtures.brightened(a, by: 3), sourceArea: (300, 200)),
            .init(id: "b0", family: "B", image: AuditFixtures.brightened(a, by: -5), sourceArea: (900, 700)),
            .init(id: "b1", family: "B", image: AuditFixtures.brightened(a, by: -9), sourceArea: (900, 700)),
            .init(id: "c0", family: "C", image: a, sourceArea: (900, 700), padFraction: 0.3),
            .init(id: "c1", family: "C", image: AuditFixtures.picture(13), sourceArea: (900, 700), padFraction: 0.3),
            .init(id: "d0", family: "D", image: d), .init(id: "d1", family: "D", image: AuditFixtures.brightened(d, by: 4)),
        ], in: dir)
    }

    static func audit(_ dir: URL) throws -> Auditor.Result {
        var o = Auditor.Options()
        o.useCache = false
        o.issues = [.exactDuplicates, .nearDuplicates]
        return try Auditor(options: o).audit(folder: dir)
    }

    @Test func dedupeKeepsTheBestFamilyMovesWholeFamiliesAndRestoreIsByteIdentical() throws {
        let dir = TemporaryDirectory()
        try Self.makeSet(dir.url)
        let before = try AuditFixtures.snapshot(dir.url)
        let dry = try Quarantine.dedupe(result: Self.audit(dir.url), folder: dir.url, dryRun: true)
        #expect(try AuditFixtures.snapshot(dir.url) == before, "--dry-run changes nothing")
        #expect(dry.groups == [.init(kept: "B", moved: ["C", "A"])])  // B: largest source, C: more padding than... same source, padded
        #expect(Set(dry.files) == ["a0.png", "a1.png", "c0.png", "c1.png"])

        let plan = try Quarantine.dedupe(result: Self.audit(dir.url), folder: dir.url, dryRun: false)
        #expect(plan.files == dry.files)
        let doc = try DatasetFolder(dir.url).load()
        #expect(doc.records.map(\.id) == ["b0", "b1", "d0", "d1"])
        #expect(doc.quarantine?.count == 4)
        #expect(doc.quarantine?.allSatisfy { $0.keptInstead == "b0" && $0.reason.contains("family B") } == true)
        for e in doc.quarantine ?? [] {
            #expect(FileManager.default.fileExists(atPath: dir.path(e.quarantinedFile).path))
            #expect(!FileManager.default.fileExists(atPath: dir.path(e.record.file).path))
        }
        // Auditing again finds no duplicates among what is left.
        #expect(try Self.audit(dir.url).report.nearDuplicates.isEmpty)

        let restored = try Quarantine.restore(folder: dir.url)
        #expect(restored.count == 4)
        #expect(try AuditFixtures.snapshot(dir.url) == before, "dedupe then restore leaves the folder byte-identical")
    }

    @Test func restoreIsByteIdenticalWithAnOrderInTheDataset() throws {
        let dir = TemporaryDirectory()
        try Self.makeSet(dir.url)
        _ = try BatchOrder.write(result: Self.audit(dir.url), folder: dir.url, batch: 2, seed: 4, cap: nil)
        let before = try AuditFixtures.snapshot(dir.url)
        _ = try Quarantine.dedupe(result: Self.audit(dir.url), folder: dir.url, dryRun: false)
        let order = try #require(try DatasetFolder(dir.url).load().order)
        #expect(order.ids.sorted() == ["b0", "b1", "d0", "d1"], "quarantined ids leave the order")
        _ = try Quarantine.restore(folder: dir.url)
        #expect(try AuditFixtures.snapshot(dir.url) == before)
    }

    @Test func interruptedDedupeIsCompletedByTheNextRun() throws {
        let dir = TemporaryDirectory()
        try Self.makeSet(dir.url)
        let before = try AuditFixtures.snapshot(dir.url)
        // Finish a dedupe on a copy to learn the final state.
        let done = TemporaryDirectory()
        try Self.makeSet(done.url)
        _ = try Quarantine.dedupe(result: Self.audit(done.url), folder: done.url, dryRun: false)
        let finalState = try AuditFixtures.snapshot(done.url)

        // Simulate a kill after the journal and the first move: write the journal
        // by running a dedupe, then roll one move back and put the journal back.
        _ = try Quarantine.dedupe(result: Self.audit(dir.url), folder: dir.url, dryRun: false)
        #expect(try AuditFixtures.snapshot(dir.url) == finalState)
        _ = try Quarantine.restore(folder: dir.url)
        #expect(try AuditFixtures.snapshot(dir.url) == before)

        let journal = try QuarantineJournalProbe.journal(for: done.url)
        try FileManager.default.createDirectory(at: dir.path("quarantine"), withIntermediateDirectories: true)
        try journal.write(to: dir.path(".dman-quarantine-journal.json"))
        try FileManager.default.moveItem(at: dir.path("a0.png"), to: dir.path("quarantine/a0.png"))
        #expect(try Quarantine.recover(folder: dir.url))
        #expect(try AuditFixtures.snapshot(dir.url) == finalState, "rerun completes the half-done dedupe")
        #expect(try !Quarantine.recover(folder: dir.url))
    }

    @Test func killAtAnyStepThenRerunCompletesDedupeAndRestore() throws {
        let reference = TemporaryDirectory()
        try Self.makeSet(reference.url)
        let before = try AuditFixtures.snapshot(reference.url)
        _ = try Quarantine.dedupe(result: Self.audit(reference.url), folder: reference.url, dryRun: false)
        let after = try AuditFixtures.snapshot(reference.url)
        let steps = 4 + 3  // 4 moves, dataset.json, state, journal removal
        for k in 0..<steps {
            let dir = TemporaryDirectory()
            try Self.makeSet(dir.url)
            _ = try Quarantine.dedupe(result: Self.audit(dir.url), folder: dir.url, dryRun: false, stopAfter: k)
            #expect(try AuditFixtures.snapshot(dir.url) != after, "killed after \(k) steps: not finished yet")
            #expect(try Quarantine.recover(folder: dir.url), "a journal is left behind")
            #expect(try AuditFixtures.snapshot(dir.url) == after, "dedupe killed after \(k) steps, then completed")
            _ = try Quarantine.restore(folder: dir.url, dryRun: false, stopAfter: k)
            #expect(try Quarantine.recover(folder: dir.url))
            #expect(try AuditFixtures.snapshot(dir.url) == before, "restore killed after \(k) steps, then completed")
        }
    }

    @Test func plainFolderDedupeAndRestore() throws {
        let dir = TemporaryDirectory()
        let a = AuditFixtures.picture(21)
        try AuditFixtures.writePNG(a, dir.url, "x.png")
        try AuditFixtures.writePNG(AuditFixtures.brightened(a, by: 4), dir.url, "y.png")
        try AuditFixtures.writePNG(AuditFixtures.picture(22), dir.url, "z.png")
        let before = try AuditFixtures.snapshot(dir.url)
        let plan = try Quarantine.dedupe(result: Self.audit(dir.url), folder: dir.url, dryRun: false)
        #expect(plan.files == ["y.png"])  // same size: the smaller name stays
        #expect(FileManager.default.fileExists(atPath: dir.path("quarantine/y.png").path))
        #expect(try Quarantine.restore(folder: dir.url) == ["y.png"])
        #expect(try AuditFixtures.snapshot(dir.url) == before)
    }
}

/// The journal a dedupe writes before moving anything. A finished dedupe has
/// removed its journal, so this rebuilds it from the finished copy's
/// `dataset.json` bytes, quarantine entries (the moves) and state file.
enum QuarantineJournalProbe {
    static func journal(for finished: URL) throws -> Data {
        let doc = try DatasetFolder(finished).load()
        let moves = (doc.quarantine ?? []).map { ["from": $0.record.file, "to": $0.quarantinedFile] }
        let bytes = try Data(contentsOf: DatasetFolder(finished).documentURL)
        let state = try Data(contentsOf: finished.appendingPathComponent("quarantine/.state.json"))
        let stateObject = try JSONSerialization.jsonObject(with: state)
        let object: [String: Any] = ["operation": "dedupe", "moves": moves, "document": bytes.base64EncodedString(),
                                     "state": stateObject, "removeFolder": false]
        return try JSONSerialization.data(withJSONObject: object)
    }
}
