import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 17: a rerun of an earlier stage never undoes a later stage's
/// decisions (quarantine, order). Every pair: crop → augment → audit, then
/// rerun crop, augment or audit, the same or changed; `--force` rebuilds
/// with the old folder moved aside.
@Suite struct StageDecisionTests {
    /// The headline bug: `audit aug --dedupe --order`, then the same augment.
    @Test func sameAugmentAfterAuditKeepsQuarantineAndOrder() throws {
        let f = try StageFixture("dman-stage-aug")
        try f.crop(); try f.augment(); try f.audit("aug")
        let decided = try f.document("aug")
        let quarantined = try #require(decided.quarantine)
        #expect(!quarantined.isEmpty && decided.order != nil, "the fixture's audit must quarantine something")
        let before = f.snapshot("aug")
        let again = try f.augment(["--json"])
        #expect(f.snapshot("aug") == before, "the rerun changed the audited folder")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(summary["written"] as? Int == 0)
        #expect(summary["keptInQuarantine"] as? Int == quarantined.count)
        #expect(try f.placements("aug").values.allSatisfy { $0 == 1 })
        #expect(try f.document("aug") == decided)
    }

    @Test func changedAugmentAfterAuditRefusesWithOneLineAndForceMovesAside() throws {
        let f = try StageFixture("dman-stage-aug-changed")
        try f.crop(); try f.augment(); try f.audit("aug")
        let before = f.snapshot("aug")
        let changed = ["--rotations", "±6"]
        let r = try f.run(StageFixture.augmentArgs + changed, status: 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("audit --dedupe quarantined") && r.stderr.contains("audit --order")
                && r.stderr.contains("--force") && r.stderr.contains("dman audit") && r.stderr.contains("nothing was changed"), "\(r.stderr)")
        #expect(f.snapshot("aug") == before)

        try f.run(StageFixture.augmentArgs + changed + ["--force"])
        #expect(f.snapshot("aug.before-rebuild-1") == before, "--force must move the old folder aside intact")
        let rebuilt = try f.document("aug"), crops = try f.document("crops")
        #expect(rebuilt.quarantine == nil && rebuilt.order == nil && rebuilt.records.count == crops.records.count * 6)
        // A second rebuild takes the next free name.
        try f.audit("aug")
        try f.run(StageFixture.augmentArgs + ["--force"])
        #expect(FileManager.default.fileExists(atPath: f.path("aug.before-rebuild-2/dataset.json").path))
    }

    /// Rerunning crop (same arguments) leaves crops alone, so the audited augment folder stays as it is.
    @Test func sameCropThenSameAugmentAfterAuditChangeNothing() throws {
        let f = try StageFixture("dman-stage-crop-aug")
        try f.crop(); try f.augment(); try f.audit("aug")
        let crops = f.snapshot("crops"), aug = f.snapshot("aug")
        try f.crop()
        #expect(f.snapshot("crops") == crops)
        try f.augment()
        #expect(f.snapshot("aug") == aug)
    }

    /// A changed crop changes augment's sources: augment then refuses to touch the audited folder.
    @Test func changedCropThenAugmentRefusesToUndoTheAudit() throws {
        let f = try StageFixture("dman-stage-crop-changed")
        try f.crop(); try f.augment(); try f.audit("aug")
        let aug = f.snapshot("aug")
        try f.run(StageFixture.cropArgs.map { $0 == "48" ? "40" : $0 })
        let r = try f.augment(status: 1)
        #expect(r.stderr.contains("would change") && r.stderr.contains("--force"), "\(r.stderr)")
        #expect(f.snapshot("aug") == aug)
    }

    /// Audit on the crops themselves: the same crop keeps them, a changed one refuses, --force rebuilds.
    @Test func cropRerunIntoAnAuditedCropFolder() throws {
        let f = try StageFixture("dman-stage-crop-audited")
        try f.crop(); try f.audit("crops")
        let decided = try f.document("crops")
        #expect(decided.quarantine?.isEmpty == false)
        let before = f.snapshot("crops")
        let same = try f.crop()
        #expect(f.snapshot("crops") == before)
        #expect(same.stderr.contains("crops stay in quarantine/"), "\(same.stderr)")
        #expect(try f.placements("crops").values.allSatisfy { $0 == 1 })

        let changed = StageFixture.cropArgs.map { $0 == "48" ? "40" : $0 }
        let r = try f.run(changed, status: 1)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("audit --dedupe quarantined"), "\(r.stderr)")
        #expect(f.snapshot("crops") == before)
        try f.run(changed + ["--force"])
        #expect(f.snapshot("crops.before-rebuild-1") == before)
        #expect(try f.document("crops").quarantine == nil)
    }

    /// Augmenting an audited crop folder uses only the crops still in it; rerunning keeps both folders.
    @Test func augmentOfAnAuditedCropFolderLeavesQuarantinedCropsOut() throws {
        let f = try StageFixture("dman-stage-aug-of-audited")
        try f.crop(); try f.audit("crops")
        let moved = Set(try #require(try f.document("crops").quarantine).map(\.record.id))
        try f.augment()
        let parents = Set(try f.document("aug").records.compactMap(\.parent))
        #expect(parents.isDisjoint(with: moved) && !parents.isEmpty)
        let aug = f.snapshot("aug"), crops = f.snapshot("crops")
        try f.crop(); try f.augment()
        #expect(f.snapshot("aug") == aug && f.snapshot("crops") == crops)
    }

    /// Rerunning the audit itself is idempotent: nothing more moves, the order is the same.
    @Test func sameAuditTwiceChangesNothing() throws {
        let f = try StageFixture("dman-stage-audit-twice")
        try f.crop(); try f.augment(); try f.audit("aug")
        let before = f.snapshot("aug")
        try f.audit("aug")
        #expect(f.snapshot("aug") == before)
    }

    /// After `--restore` (quarantine empty, order kept) a rerun still keeps the order.
    @Test func restoreThenAugmentKeepsEveryPictureOnceAndTheOrder() throws {
        let f = try StageFixture("dman-stage-restore")
        try f.crop(); try f.augment(); try f.audit("aug"); try f.augment()
        try f.audit("aug", ["--restore"])
        let restored = try f.document("aug"), crops = try f.document("crops")
        #expect(restored.quarantine == nil && restored.records.count == crops.records.count * 6)
        let before = f.snapshot("aug")
        try f.augment()
        #expect(f.snapshot("aug") == before)
        #expect(try f.placements("aug").values.allSatisfy { $0 == 1 })
    }

    /// A dedupe killed halfway leaves its journal: crop and augment refuse until audit completes it.
    @Test func pendingQuarantineJournalBlocksEarlierStages() throws {
        let f = try StageFixture("dman-stage-journal")
        try f.crop(); try f.augment()
        let journal = f.path("aug").appendingPathComponent(DatasetFolder.quarantineJournalName)
        try Data("{}".utf8).write(to: journal)
        let before = f.snapshot("aug")
        let r = try f.augment(status: 1)
        #expect(r.stderr.contains("journal") && r.stderr.contains("dman audit"), "\(r.stderr)")
        #expect(f.snapshot("aug") == before)
        try FileManager.default.removeItem(at: journal)
    }
}
