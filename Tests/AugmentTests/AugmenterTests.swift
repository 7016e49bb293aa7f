import Augment
import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct AugmenterTests {
    static func plan() throws -> AugmentPlan {
        var plan = AugmentPlan()
        plan.rotations = [-5, 0, 5]
        plan.unsharp = try UnsharpMask(parsing: "0x1+1+0.05")
        plan.flip = true
        plan.randomDraws = 2
        plan.brightness = 2
        plan.seed = 99
        plan.size = 32
        return plan
    }

    static func run(_ input: URL, _ output: URL, jobs: Int, plan: AugmentPlan? = nil,
                    preview: URL? = nil) throws -> AugmentSummary {
        var options = AugmentOptions(input: input, output: output, plan: try plan ?? Self.plan())
        options.jobs = jobs
        options.preview = preview
        options.previewSources = 2
        return try Augmenter.run(options)
    }

    static func hashes(_ folder: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            out[name] = SHA256.hex(try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        return out
    }

    @Test func writesThePlannedCountReportsTheCorruptOneAndIsJobsIndependent() throws {
        let tmp = TemporaryDirectory("augment")
        let input = tmp.path("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Fixture.writeImages(4, side: 40, in: input)
        try Data("not a picture at all".utf8).write(to: input.appendingPathComponent("zbroken.png"))
        let inputBefore = try Self.hashes(input)

        let s1 = try Self.run(input, tmp.path("one"), jobs: 1, preview: tmp.path("sheets/sheet.png"))
        #expect(s1.sources == 5)
        #expect(s1.failedSources == 1)
        #expect(s1.failures.count == 1 && s1.failures[0].contains("zbroken.png"))
        let perSource = 1 + 11 + 2
        #expect(s1.planned == 5 * perSource)
        #expect(s1.written == 4 * perSource, "planned count = written count for the good sources")

        let out1 = try Self.hashes(tmp.path("one"))
        #expect(out1.count == 4 * perSource + 1)
        #expect(out1.keys.allSatisfy { $0.hasSuffix(".png") || $0 == "dataset.json" })
        let doc = try DatasetFolder(tmp.path("one")).load()
        #expect(doc.records.count == 4 * perSource)
        for r in doc.records {
            #expect(out1[r.file] == r.sha256)
            #expect(r.file.hasPrefix(r.parent! + "_"))
            #expect(r.family == r.parent)
            #expect(r.width == 32 && r.height == 32)
        }
        #expect(try Self.hashes(input) == inputBefore, "inputs never modified")

        let s2 = try Self.run(input, tmp.path("two"), jobs: 3)
        #expect(s2.written == s1.written)
        #expect(try Self.hashes(tmp.path("two")) == out1, "byte-identical for any --jobs")

        let sheet = try ImageCodec.decode(Data(contentsOf: tmp.path("sheets/sheet.png"))).image
        #expect(sheet.width == 4 + perSource * (32 + 4))
        #expect(sheet.height == 4 + 2 * (32 + 7 + 4))  // 7: the label strip
    }

    @Test func rerunResumesAndReplayReproducesEveryOutput() throws {
        let tmp = TemporaryDirectory("augment")
        let input = tmp.path("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Fixture.writeImages(3, side: 36, in: input, seed: 20)
        let out = tmp.path("out")
        let first = try Self.run(input, out, jobs: 2)
        #expect(first.written == 3 * 14 && first.resumed == 0)
        // Damage one output: the rerun redoes exactly that one.
        let doc = try DatasetFolder(out).load()
        let victim = doc.records[5]
        try Data("x".utf8).write(to: out.appendingPathComponent(victim.file))
        let second = try Self.run(input, out, jobs: 2)
        #expect(second.written == 1 && second.resumed == 3 * 14 - 1)
        #expect(try DatasetFolder(out).load() == doc)

        for record in doc.records {
            let png = try Replay.png(of: record, input: input)
            #expect(SHA256.hex(png) == record.sha256, "\(record.id)")
        }
    }

    @Test func datasetInputKeepsFamilyAndAppendsTransforms() throws {
        let tmp = TemporaryDirectory("augment")
        let input = tmp.path("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Fixture.writeImages(2, side: 40, in: input, seed: 30)
        var plan = AugmentPlan()
        plan.flip = true
        let stage1 = tmp.path("stage1")
        _ = try Self.run(input, stage1, jobs: 2, plan: plan)
        var plan2 = AugmentPlan()
        plan2.rotations = [3]
        plan2.includeOriginals = false
        plan2.fill = .crop
        let stage2 = tmp.path("stage2")
        let s = try Self.run(stage1, stage2, jobs: 2, plan: plan2)
        #expect(s.sources == 4 && s.written == 4)
        // Writing into a dataset another stage made is refused, not clobbered.
        var doc = try DatasetFolder(stage1).load()
        doc.stage = "crop"
        try DatasetFolder(stage1).save(doc)
        #expect(throws: AugmentError.self) { try Self.run(stage2, stage1, jobs: 1, plan: plan2) }
        #expect(try DatasetFolder(stage1).load() == doc)
        doc.stage = "augment"
        try DatasetFolder(stage1).save(doc)
        let parents = try DatasetFolder(stage1).load().records
        for r in try DatasetFolder(stage2).load().records {
            let parent = try #require(parents.first { $0.id == r.parent })
            #expect(r.family == parent.family)
            #expect(Array(r.provenance.transforms.prefix(parent.provenance.transforms.count)) == parent.provenance.transforms)
            #expect(r.provenance.transforms.count == parent.provenance.transforms.count + 1)
            #expect(SHA256.hex(try Replay.png(of: r, input: stage1)) == r.sha256)
        }
    }

    @Test func dryRunWritesNothingAndCollidingNamesAreRefused() throws {
        let tmp = TemporaryDirectory("augment")
        let input = tmp.path("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Fixture.writeImages(2, side: 24, in: input)
        var options = AugmentOptions(input: input, output: tmp.path("out"), plan: try Self.plan())
        options.dryRun = true
        let s = try Augmenter.run(options)
        #expect(s.count == "2 sources × 13 variants = 26 (+2 originals)")
        #expect(!FileManager.default.fileExists(atPath: tmp.path("out").path))
        // "img0_flip" as a source collides with img0's flip variant.
        try Data(contentsOf: input.appendingPathComponent("img0.png")).write(to: input.appendingPathComponent("img0_flip.png"))
        #expect(throws: AugmentError.self) { try Augmenter.run(options) }
    }
}
