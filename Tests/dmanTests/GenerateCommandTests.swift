import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// `dman generate` on a tiny trained run.
@Suite(.serialized) struct GenerateCommandTests {
    @Test func writesNImagesAndAGridFromEMAWeights() throws {
        let dir = try TrainCommandTests.folder()
        let run = dir.path("run").path
        let t = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "2", "--ema", "0.5"] + TrainCommandTests.tiny)
        #expect(t.status == 0, "\(t.stderr)")
        let out = dir.path("gen").path
        let r = try CLIRunner.run(["generate", run, "-n", "5", "-o", out, "--seed", "9", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names.filter { $0.hasPrefix("image-") }.count == 5)
        #expect(names.contains("grid.png"))
        let first = try ImageCodec.decode(Data(contentsOf: URL(fileURLWithPath: "\(out)/image-0001.png"))).image
        #expect(first.width == 16 && first.height == 16)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((json["images"] as? [String])?.count == 5)
        // Same seed ⇒ same bytes; the EMA weights (not the live ones) are used.
        let again = try CLIRunner.run(["generate", run, "-n", "5", "-o", dir.path("gen2").path, "--seed", "9"])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: dir.path("gen/grid.png")) == Data(contentsOf: dir.path("gen2/grid.png")))
        let missing = try CLIRunner.run(["generate", dir.path("nothing").path, "-n", "2"])
        #expect(missing.status == 1 && missing.stderr.contains("nothing"))
    }
}
