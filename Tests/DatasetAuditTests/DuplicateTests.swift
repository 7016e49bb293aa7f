import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct DuplicateTests {
    static func audit(_ dir: URL) throws -> Auditor.Result {
        var o = Auditor.Options()
        o.useCache = false
        return try Auditor(options: o).audit(folder: dir)
    }

    @Test func familiesAreNeverDuplicatesOfThemselvesButAreAcrossFamilies() throws {
        let dir = TemporaryDirectory()
        let a = AuditFixtures.picture(1), b = AuditFixtures.picture(2)
        try AuditFixtures.makeDataset([
            // Family A: an original, an exact copy and a brightened augmentation.
            .init(id: "a0", family: "A", image: a), .init(id: "a1", family: "A", image: a),
            .init(id: "a2", family: "A", image: AuditFixtures.brightened(a, by: 5)),
            // Family B: the same picture collected again (near duplicate of A).
            .init(id: "b0", family: "B", image: AuditFixtures.brightened(a, by: -4)),
            // Family C: an exact pixel copy of A's original.
            .init(id: "c0", family: "C", image: a),
            // Family D: unrelated.
            .init(id: "d0", family: "D", image: b), .init(id: "d1", family: "D", image: AuditFixtures.brightened(b, by: 3)),
        ], in: dir.url)
        let r = try Self.audit(dir.url)
        #expect(r.report.exactDuplicates == [["a0.png", "a1.png", "c0.png"]])
        let nearFiles = Set(r.report.nearDuplicates.flatMap { $0 })
        #expect(nearFiles.contains("b0.png"))
        #expect(!nearFiles.contains("d0.png") && !nearFiles.contains("d1.png"), "family D's own augmentation is not a duplicate")
        for p in r.report.nearDuplicatePairs {
            #expect(p.a.first != p.b.first, "pair inside one family: \(p)")
        }
        // A, B, C are one cluster; D is on its own.
        let cluster = Dictionary(uniqueKeysWithValues: zip(r.items.map(\.id), r.duplicates.cluster))
        #expect(Set(["a0", "a1", "a2", "b0", "c0"].map { cluster[$0]! }).count == 1)
        #expect(cluster["d0"] == cluster["d1"] && cluster["d0"] != cluster["a0"])
    }

    @Test func plainFolderTreatsEachFileAsItsOwnFamily() throws {
        let dir = TemporaryDirectory()
        let a = AuditFixtures.picture(3)
        try AuditFixtures.writePNG(a, dir.url, "x.png")
        try AuditFixtures.writePNG(a, dir.url, "y.png")
        try AuditFixtures.writePNG(AuditFixtures.brightened(a, by: 6), dir.url, "z.png")
        try AuditFixtures.writePNG(AuditFixtures.picture(4), dir.url, "w.png")
        let r = try Self.audit(dir.url)
        #expect(r.report.families == 4)
        #expect(r.report.exactDuplicates == [["x.png", "y.png"]])
        #expect(r.report.nearDuplicates == [["x.png", "y.png", "z.png"]])
    }

    @Test func singleHashRuleAndThresholdAreHonoured() throws {
        let dir = TemporaryDirectory()
        let a = AuditFixtures.picture(5)
        try AuditFixtures.writePNG(a, dir.url, "x.png")
        try AuditFixtures.writePNG(AuditFixtures.brightened(a, by: 8), dir.url, "z.png")
        var o = Auditor.Options()
        o.useCache = false
        o.rule = NearDuplicateRule(hash: .dhash, threshold: 0, combinedThreshold: nil)
        let strict = try Auditor(options: o).audit(folder: dir.url).report
        let d = strict.nearDuplicatePairs.first?.distance
        #expect(d == nil || d == 0)
        o.rule = NearDuplicateRule(hash: .dhash, threshold: 20, combinedThreshold: nil)
        #expect(try Auditor(options: o).audit(folder: dir.url).report.nearDuplicates == [["x.png", "z.png"]])
    }
}
