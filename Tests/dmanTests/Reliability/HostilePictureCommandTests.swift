import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 8, pictures, through every command that reads pictures: the hostile
/// fixtures (Tests/CropTests/Fixtures/hostile) are reported one line each,
/// the rest processed, and no payload has a side effect.
@Suite struct HostilePictureCommandTests {
    static let marker = "/tmp/dman-hostile-msl-marker.png"
    static let bad = ["huge-header.png", "payload-msl.png", "payload-mvg.png", "payload-svg.png", "text.png",
                      "truncated.png", "zero-bytes.png"]

    /// tmp/in with the .png and .gif hostile fixtures (one name per stem,
    /// as augment requires) and the EXIF JPEGs.
    func folder() throws -> TemporaryDirectory {
        let tmp = TemporaryDirectory("dman-rel-hostile-cli")
        let src = RepositoryFiles.url("Tests/CropTests/Fixtures/hostile")
        try FileManager.default.createDirectory(at: tmp.path("in"), withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: src.path)
        where name.hasSuffix(".png") || name.hasSuffix(".gif") || name.hasPrefix("orient-") || name == "cmyk.jpg" {
            try FileManager.default.copyItem(at: src.appendingPathComponent(name), to: tmp.path("in/\(name)"))
        }
        try? FileManager.default.removeItem(atPath: Self.marker)
        return tmp
    }

    @Test func auditCountsEachBadPictureAsUnreadable() throws {
        let tmp = try folder()
        let r = try CLIRunner.run(["audit", "in", "--no-cache", "--json"], in: tmp.url)
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        for name in Self.bad { #expect(warnings.filter { $0.contains("\(name): ") }.count == 1, "\(name): \(r.stderr)") }
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((report["counts"] as? [String: Any])?["unreadable"] as? Int == Self.bad.count)
        #expect(!FileManager.default.fileExists(atPath: Self.marker))
    }

    @Test func augmentSkipsEachBadPictureWithOneLine() throws {
        let tmp = try folder()
        let r = try CLIRunner.run(["augment", "in", "-o", "out", "--flip", "--size", "32"], in: tmp.url)
        #expect(r.status == 2, "\(r.stderr)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == Self.bad.count, "\(r.stderr)")
        for name in Self.bad { #expect(errors.contains { $0.contains("/\(name): ") }, "\(name)") }
        let written = ProcessInterrupter.files(in: tmp.path("out"), ext: "png")
        #expect(written.contains("orient-6_flip.png") && written.contains("animated_orig.png") && written.contains("cmyk_orig.png"))
        let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        #expect(warnings.filter { $0.contains("/animated.gif: 2 frames (animated); only the first is augmented") }.count == 1,
                "\(r.stderr)")
        #expect(OutputInvariants.everyPNGDecodes(in: tmp.path("out")).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: Self.marker))
    }

    @Test func trainRefusesTheSetNamingTheFirstBadPicture() throws {
        // Training refuses a set with an unreadable picture (exit 1, one line
        // naming it) rather than silently training on fewer images.
        let tmp = try folder()
        let r = try CLIRunner.run(["train", "in", "-o", "run", "--size", "32", "--resize", "--iterations", "1",
                                   "--batch", "4", "--gf", "8", "--df", "8", "--z-dim", "8", "--threads", "1"], in: tmp.url)
        #expect(r.status == 1, "\(r.stderr)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1 && Self.bad.contains { errors[0].contains("/\($0): ") }, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: Self.marker))
    }
}
