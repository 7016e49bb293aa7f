import DatasetAudit
import DmanCore
import Foundation
import Testing
import WebUI

/// Review's rejections and restorations move files only through the quarantine journal `dman audit` uses.
struct ReviewJournalTests {
    /// The bytes of every picture, wherever it lies: nothing may ever be lost.
    func pictureBytes(_ f: ReviewFixture) throws -> [Data] {
        try f.snapshot().filter { $0.key.hasSuffix(".png") }.values.sorted { $0.lexicographicallyPrecedes($1) }
    }

    @Test func rejectingAFamilyMovesAllItsPicturesIntoQuarantine() async throws {
        let f = try ReviewFixture()
        let before = try pictureBytes(f)
        let r = try await f.post("reject", ids: ["a0", "a1"])
        #expect(r.status == 200)
        let answer = try JSONDecoder().decode(ReviewFixture.Items.self, from: r.body)
        #expect(answer.moved == ["a0.png", "a1.png"])
        #expect(answer.items.filter(\.rejected).map(\.id) == ["a0", "a1"])
        let doc = try DatasetFolder(f.folder).load()
        #expect(doc.records.map(\.id).sorted() == ["b0", "b1", "b2", "c0"])
        #expect(doc.quarantine?.map(\.quarantinedFile) == ["quarantine/a0.png", "quarantine/a1.png"])
        #expect(doc.quarantine?.allSatisfy { $0.reason == ReviewStore.rejectionReason } == true)
        #expect(!FileManager.default.fileExists(atPath: f.folder.appendingPathComponent("a0.png").path))
        #expect(FileManager.default.fileExists(atPath: f.folder.appendingPathComponent("quarantine/a1.png").path))
        #expect(try pictureBytes(f) == before, "moved, never deleted or rewritten")
        #expect(!FileManager.default.fileExists(atPath: f.folder.appendingPathComponent(".dman-quarantine-journal.json").path))
    }

    @Test func restoringOnePictureLeavesTheRestOfItsFamilyOut() async throws {
        let f = try ReviewFixture()
        _ = try await f.post("reject", ids: ["b0", "b1", "b2"])
        let r = try await f.post("restore", ids: ["b1"])
        #expect(r.status == 200)
        let doc = try DatasetFolder(f.folder).load()
        #expect(doc.records.map(\.id).sorted() == ["a0", "a1", "b1", "c0"])
        #expect(doc.quarantine?.map(\.record.id) == ["b0", "b2"])
        #expect(FileManager.default.fileExists(atPath: f.folder.appendingPathComponent("b1.png").path))
    }

    @Test func auditRestoreAndReviewRestoreBothGiveBackTheFolderByteForByte() async throws {
        let f = try ReviewFixture()
        let before = try f.snapshot()
        _ = try await f.post("reject", ids: ["a0", "a1"])
        _ = try await f.post("reject", ids: ["c0"])
        #expect(try f.snapshot() != before)
        _ = try Quarantine.restore(folder: f.folder)   // what `dman audit --restore` runs
        #expect(try f.snapshot() == before)

        _ = try await f.post("reject", ids: ["b2"])
        _ = try await f.post("reject", ids: ["a1"])
        _ = try await f.post("restore", ids: ["b2"])
        _ = try await f.post("restore", ids: ["a1"])
        #expect(try f.snapshot() == before, "restoring the last rejected picture from the page gives the original bytes back")
    }

    @Test func aRejectionSurvivesARerunOfTheAuditAndItsDedupe() async throws {
        let f = try ReviewFixture()
        _ = try await f.post("reject", ids: ["b1"])
        var options = Auditor.Options()
        options.useCache = false
        let result = try Auditor(options: options).audit(folder: f.folder)
        #expect(!result.items.map(\.id).contains("b1"), "the audit no longer sees a rejected picture")
        _ = try Quarantine.dedupe(result: result, folder: f.folder, dryRun: false)
        let doc = try DatasetFolder(f.folder).load()
        #expect(doc.quarantine?.contains { $0.record.id == "b1" && $0.reason == ReviewStore.rejectionReason } == true)
        #expect(!doc.records.contains { $0.id == "b1" })
        #expect(FileManager.default.fileExists(atPath: f.folder.appendingPathComponent("quarantine/b1.png").path))
        // A new page over the folder shows it rejected.
        let reopened = try ReviewStore(folder: f.folder)
        #expect(await reopened.all.first { $0.id == "b1" }?.rejected == true)
    }

    @Test func aNameTakenInQuarantineGetsAFreshOne() async throws {
        let f = try ReviewFixture()
        try FileManager.default.createDirectory(at: f.folder.appendingPathComponent("quarantine"), withIntermediateDirectories: true)
        try Data("someone else's".utf8).write(to: f.folder.appendingPathComponent("quarantine/c0.png"))
        _ = try await f.post("reject", ids: ["c0"])
        #expect(try DatasetFolder(f.folder).load().quarantine?.first?.quarantinedFile == "quarantine/c0.1.png")
        #expect(try Data(contentsOf: f.folder.appendingPathComponent("quarantine/c0.png")) == Data("someone else's".utf8))
    }

    @Test func aDedupeKilledHalfWayIsFinishedWhenTheReviewOpens() async throws {
        var killedAfterOneMove: [String] = []
        let f = try ReviewFixture(beforeOpening: { folder in
            var options = Auditor.Options()
            options.useCache = false
            options.issues = [.exactDuplicates]
            let result = try Auditor(options: options).audit(folder: folder)
            let plan = try Quarantine.dedupe(result: result, folder: folder, dryRun: false, stopAfter: 1)
            killedAfterOneMove = plan.files
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".dman-quarantine-journal.json").path))
        })
        #expect(!killedAfterOneMove.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: f.folder.appendingPathComponent(".dman-quarantine-journal.json").path))
        let rejected = try await f.items().filter(\.rejected)
        #expect(Set(rejected.map(\.file)) == Set(killedAfterOneMove.map { "quarantine/" + $0 }))
        #expect(try DatasetFolder(f.folder).load().quarantine?.count == killedAfterOneMove.count)
    }
}
