import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// End-to-end `dman crop` runs of the built binary.
@Suite struct CropCommandTests {
    /// root/ with two textured pictures and a native manifest of three boxes.
    func dataset(extra: String = "") throws -> TemporaryDirectory {
        let tmp = TemporaryDirectory("dman-crop-cli")
        try ImageCodec.pngData(SyntheticImage.textured(width: 64, height: 48, seed: 1)).write(to: tmp.path("a.png"))
        try ImageCodec.pngData(SyntheticImage.textured(width: 40, height: 60, seed: 2)).write(to: tmp.path("b.png"))
        let json = """
        {"format": "dman-crop-manifest", "version": 1, "images": [
          {"file": "a.png", "boxes": [{"x": 4, "y": 4, "w": 20, "h": 20, "label": "cat"}, {"x": 30, "y": 10, "w": 30, "h": 36, "label": "dog"}]},
          {"file": "b.png", "boxes": [{"x": 0, "y": 0, "w": 40, "h": 30, "label": "cat"}]}\(extra)
        ]}
        """
        try Data(json.utf8).write(to: tmp.path("m.json"))
        return tmp
    }

    @Test func cropsAndPrintsTheSummaryLine() throws {
        let tmp = try dataset()
        let r = try CLIRunner.run(["crop", "m.json", "-o", "out", "--size", "32"], in: tmp.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("3 crops from 2 images · "), "\(r.stdout)")
        // b's box spans its picture: the margin is given up, nothing is padded; with --keep-margin it is.
        #expect(r.stdout.contains("· 0 padded"), "\(r.stdout)")
        let kept = try CLIRunner.run(["crop", "m.json", "-o", "out-kept", "--size", "32", "--keep-margin"], in: tmp.url)
        #expect(kept.stdout.contains("1 padded (mean"), "\(kept.stdout)")
        // The padded crop is filled by the default fade (issue 13), as recorded in its provenance.
        let keptJSON = try String(contentsOf: tmp.path("out-kept/dataset.json"), encoding: .utf8)
        #expect(keptJSON.contains("\"padMode\" : \"fade\"") || keptJSON.contains("\"padMode\":\"fade\""), "\(keptJSON.prefix(600))")
        let names = try FileManager.default.contentsOfDirectory(atPath: tmp.path("out").path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names == ["a_0.png", "a_1.png", "b_0.png", "dataset.json"])
    }

    @Test func jsonSummaryAndResume() throws {
        let tmp = try dataset()
        let first = try CLIRunner.run(["crop", "m.json", "-o", "out", "--json", "--label", "cat"], in: tmp.url)
        #expect(first.status == 0)
        let s1 = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(s1["crops"] as? Int == 2 && s1["written"] as? Int == 2 && s1["filtered"] as? Int == 1)
        let second = try CLIRunner.run(["crop", "m.json", "-o", "out", "--json", "--label", "cat", "-j", "1"], in: tmp.url)
        let s2 = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(s2["resumed"] as? Int == 2 && s2["written"] as? Int == 0)
    }

    @Test func badItemsExitWithCodeTwoAndOneLineEach() throws {
        let tmp = try dataset(extra: """
        ,
          {"file": "missing.png", "boxes": [{"x": 1, "y": 1, "w": 2, "h": 2}]},
          {"file": "../escape.png", "boxes": [{"x": 1, "y": 1, "w": 2, "h": 2}]},
          {"file": "a.png", "boxes": [{"x": 60, "y": 1, "w": 20, "h": 2}]}
        """)
        let r = try CLIRunner.run(["crop", "m.json", "-o", "out"], in: tmp.url)
        #expect(r.status == 2)
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 3, "\(r.stderr)")
        #expect(errors.contains { $0.contains("missing.png: picture not found") })
        // The library's field names (allowOutside, clip) are shown as the flags that set them.
        #expect(errors.contains { $0.hasSuffix("../escape.png: path ../escape.png escapes the dataset root (use --allow-outside)") })
        #expect(errors.contains { $0.hasSuffix("a.png: box 2 x=60 y=1 w=20 h=2: outside the 64×48 picture (use --clip to clip it)") })
        #expect(r.stdout.contains("3 crops from 2 images") && r.stdout.contains("3 skipped (see above)"))
        let strict = try CLIRunner.run(["crop", "m.json", "-o", "out2", "--strict", "-j", "1"], in: tmp.url)
        #expect(strict.status == 2)
        #expect(strict.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }.count == 1)
        let small = try CLIRunner.run(["crop", "m.json", "-o", "out3", "--min-size", "1000", "-j", "1"], in: tmp.url)
        #expect(small.stderr.contains("is smaller than --min-size 1000.0; skipped"), "\(small.stderr)")
        #expect(!small.stderr.contains("minSize"))
    }

    @Test func malformedManifestIsFatalAndBadFlagsAreUsageErrors() throws {
        let tmp = TemporaryDirectory("dman-crop-cli")
        try Data("{\"images\": [\n  {\"file\": \"a.png\" \"boxes\": []}\n]}".utf8).write(to: tmp.path("bad.json"))
        let r = try CLIRunner.run(["crop", "bad.json", "-o", "out"], in: tmp.url)
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.json: malformed JSON at line 2, column"), "\(r.stderr)")
        let usage = try CLIRunner.run(["crop", "bad.json", "--pad", "black"], in: tmp.url)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--pad"))
    }
}
