import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// `dman eval` on a tiny run.
@Suite(.serialized) struct EvalCommandTests {
    @Test func printsSWDPerLevelModesAndMemorisationPerCheckpoint() throws {
        let dir = try TrainCommandTests.folder(count: 12)
        let run = dir.path("run").path
        let t = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "4"] + TrainCommandTests.tiny)
        #expect(t.status == 0, "\(t.stderr)")
        let r = try CLIRunner.run(["eval", run, dir.path("set").path, "--checkpoints", "all", "--count", "12", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["step"] as? Int } == [2, 4])
        for row in rows {
            let levels = try #require(row["swdPerLevel"] as? [Double])
            #expect(levels.count == 1, "16 px images have one pyramid level")
            #expect(levels.allSatisfy { $0 > 0 && $0.isFinite })
            #expect(row["swdAverage"] as? Double == levels[0])
            let modes = try #require(row["modes"] as? [String: Any])
            #expect(modes["realCount"] as? Int == 12 && modes["fakeCount"] as? Int == 12)
            #expect((row["memorisedFraction"] as? Double).map { (0...1).contains($0) } == true)
        }
        let human = try CLIRunner.run(["eval", run, dir.path("set").path, "--count", "12"])
        #expect(human.status == 0)
        let lines = human.stdout.split(separator: "\n")
        #expect(lines.first?.contains("swd@16") == true && lines.first?.contains("modes") == true)
        #expect(lines.count == 3 && lines[1].hasPrefix("4 "), "latest checkpoint only: \(human.stdout)")
    }

    @Test func usesTheRunsOwnResizeAndComparesAFolderOfImages() throws {
        let dir = try TrainCommandTests.folder(count: 12, size: 32)
        let run = dir.path("run").path
        let t = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "2", "--size", "16", "--resize"]
            + TrainCommandTests.tiny)
        #expect(t.status == 0, "\(t.stderr)")
        // 32 px images, a 16 px run trained with --resize: eval prepares them the same way without being told.
        let r = try CLIRunner.run(["eval", run, dir.path("set").path, "--count", "12", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["step"] as? Int == 2)
        // --images: the real set against itself is fully memorised and has the same modes.
        let same = try CLIRunner.run(["eval", dir.path("set").path, dir.path("set").path, "--images", "--count", "12", "--json"])
        #expect(same.status == 0, "\(same.stderr)")
        let row = try #require((try JSONSerialization.jsonObject(with: Data(same.stdout.utf8)) as? [[String: Any]])?.first)
        #expect((row["memorisedFraction"] as? Double) == 1)
        let modes = try #require(row["modes"] as? [String: Any])
        #expect(modes["fakeModes"] as? Int == modes["realModes"] as? Int)
        let few = try CLIRunner.run(["eval", dir.path("set").path, dir.path("set").path, "--images", "--count", "40"])
        #expect(few.status == 1 && few.stderr.contains("fewer than --count 40"), "\(few.stderr)")
    }
}
