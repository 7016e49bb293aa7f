import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct AugmentCommandTests {
    /// A folder with `count` pictures and, optionally, one corrupt file.
    static func inputFolder(_ tmp: TemporaryDirectory, count: Int, corrupt: Bool) throws -> URL {
        let dir = tmp.path("crops")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for i in 0..<count {
            let png = try ImageCodec.pngData(SyntheticImage.textured(width: 40, height: 40, seed: UInt64(100 + i)))
            try png.write(to: dir.appendingPathComponent("c\(i).png"))
        }
        if corrupt { try Data(repeating: 0x89, count: 40).write(to: dir.appendingPathComponent("bad.png")) }
        return dir
    }

    static let plan = ["--rotations", "±5", "--unsharp", "0x1+1+0.05", "--flip", "--random", "2", "--seed", "7", "--size", "32"]

    @Test func dryRunPrintsTheCountAndWritesNothing() throws {
        let tmp = TemporaryDirectory("augment-cli")
        let input = try Self.inputFolder(tmp, count: 3, corrupt: false)
        let r = try CLIRunner.run(["augment", input.path, "-o", tmp.path("out").path, "--dry-run"] + Self.plan)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("3 sources × 13 variants = 39 (+3 originals)"))
        #expect(r.stdout.contains("flip_r-5_usm: flip"))
        #expect(!FileManager.default.fileExists(atPath: tmp.path("out").path))
    }

    @Test func corruptInputIsOneLineAndTheRestIsWritten() throws {
        let tmp = TemporaryDirectory("augment-cli")
        let input = try Self.inputFolder(tmp, count: 3, corrupt: true)
        let out = tmp.path("out")
        let r = try CLIRunner.run(["augment", input.path, "-o", out.path, "--json", "-j", "2"] + Self.plan)
        #expect(r.status == 2, "\(r.stderr)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("bad.png") == true)
        struct Summary: Decodable { var planned: Int; var written: Int; var failedSources: Int; var count: String }
        let s = try JSONDecoder().decode(Summary.self, from: Data(r.stdout.utf8))
        #expect(s.planned == 4 * 14 && s.written == 3 * 14 && s.failedSources == 1)
        let pngs = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == s.written)

        // Rerun: nothing left to do, same exit code for the same bad input.
        let again = try CLIRunner.run(["augment", input.path, "-o", out.path, "-q"] + Self.plan)
        #expect(again.status == 2)
        #expect(try DatasetFolder(out).load().records.count == 3 * 14)
    }

    @Test func replayByIdAndByRecordJSON() throws {
        let tmp = TemporaryDirectory("augment-cli")
        let input = try Self.inputFolder(tmp, count: 2, corrupt: false)
        let out = tmp.path("out")
        let run = try CLIRunner.run(["augment", input.path, "-o", out.path, "-q"] + Self.plan)
        #expect(run.status == 0, "\(run.stderr)")
        let record = try #require(try DatasetFolder(out).load().records.first { $0.id == "c1_rand1" })

        let byID = try CLIRunner.run(["augment", input.path, "-o", out.path, "--replay", "c1_rand1",
                                      "--replay-to", tmp.path("again.png").path])
        #expect(byID.status == 0, "\(byID.stderr)")
        #expect(byID.stdout.contains("bytes identical"))
        #expect(SHA256.hex(try Data(contentsOf: tmp.path("again.png"))) == record.sha256)

        let json = String(decoding: try DatasetFolder.encoder.encode(record), as: UTF8.self)
        let byJSON = try CLIRunner.run(["augment", input.path, "--replay", json, "--json"])
        #expect(byJSON.status == 0, "\(byJSON.stderr)")
        #expect(byJSON.stdout.contains("\"identical\" : true"))

        var tampered = record
        tampered.provenance.transforms[0].parameters = .object(["angle": .number(2), "fill": .string("edge")])
        tampered.provenance.transforms[0].name = "rotate"
        let bad = String(decoding: try DatasetFolder.encoder.encode(tampered), as: UTF8.self)
        let mismatch = try CLIRunner.run(["augment", input.path, "--replay", bad])
        #expect(mismatch.status == 1)
        #expect(mismatch.stderr.contains("differs"))
    }

    @Test func badFlagsAreUsageErrors() throws {
        let tmp = TemporaryDirectory("augment-cli")
        let input = try Self.inputFolder(tmp, count: 1, corrupt: false)
        let r = try CLIRunner.run(["augment", input.path, "--rotations", "±x"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--rotations"))
        let u = try CLIRunner.run(["augment", input.path, "--unsharp", "soft"])
        #expect(u.status == 64)
    }

    @Test func strictStopsAtTheBadPicture() throws {
        let tmp = TemporaryDirectory("augment-cli")
        let input = try Self.inputFolder(tmp, count: 2, corrupt: true)
        let r = try CLIRunner.run(["augment", input.path, "-o", tmp.path("out").path, "--strict", "-j", "1"] + Self.plan)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").filter { $0.contains("bad.png") }.count == 1)
    }
}
