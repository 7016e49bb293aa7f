import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// `--shard I/N` runs joined by `dman merge` equal one unsharded run.
@Suite struct ShardMergeTests {
    static func recordsJSON(_ folder: URL) throws -> [String] {
        try DatasetFolder(folder).load().records.map { r in
            String(decoding: try DatasetFolder.encoder.encode(r), as: UTF8.self)
        }.sorted()
    }

    static func files(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".png") {
            out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return out
    }

    @Test func cropShardsMergeToTheUnshardedRun() throws {
        let tmp = TemporaryDirectory()
        let r = try CLIRunner.run(["demo", "-o", tmp.url.path, "--sources-only", "--count", "14", "--seed", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = tmp.path("sources/manifest.json").path
        for i in 0..<3 {
            let s = try CLIRunner.run(["crop", manifest, "-o", tmp.path("s\(i)").path, "--size", "32", "--shard", "\(i)/3", "-q"])
            #expect(s.status == 0, "\(s.stderr)")
        }
        let whole = try CLIRunner.run(["crop", manifest, "-o", tmp.path("whole").path, "--size", "32", "-q"])
        #expect(whole.status == 0)
        let merged = try CLIRunner.run(["merge"] + (0..<3).map { tmp.path("s\($0)").path } + ["-o", tmp.path("merged").path])
        #expect(merged.status == 0, "\(merged.stderr)")
        let shardCounts = try (0..<3).map { try DatasetFolder(tmp.path("s\($0)")).load().records.count }
        #expect(shardCounts.allSatisfy { $0 > 0 }, "every shard got work: \(shardCounts)")
        #expect(try Self.recordsJSON(tmp.path("merged")) == Self.recordsJSON(tmp.path("whole")))
        #expect(try Self.files(tmp.path("merged")) == Self.files(tmp.path("whole")))
    }

    @Test func augmentShardsMergeToTheUnshardedRun() throws {
        let tmp = TemporaryDirectory()
        #expect(try CLIRunner.run(["demo", "-o", tmp.url.path, "--sources-only", "--count", "8", "--seed", "3"]).status == 0)
        let crops = tmp.path("crops").path
        #expect(try CLIRunner.run(["crop", tmp.path("sources/manifest.json").path, "-o", crops, "--size", "24", "-q"]).status == 0)
        let plan = ["--rotations", "±4", "--flip", "--random", "1", "--seed", "9", "-q"]
        for i in 0..<3 {
            let s = try CLIRunner.run(["augment", crops, "-o", tmp.path("a\(i)").path, "--shard", "\(i)/3"] + plan)
            #expect(s.status == 0, "\(s.stderr)")
        }
        #expect(try CLIRunner.run(["augment", crops, "-o", tmp.path("whole").path] + plan).status == 0)
        let merged = try CLIRunner.run(["merge"] + (0..<3).map { tmp.path("a\($0)").path } + ["-o", tmp.path("merged").path])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try Self.recordsJSON(tmp.path("merged")) == Self.recordsJSON(tmp.path("whole")))
        #expect(try Self.files(tmp.path("merged")) == Self.files(tmp.path("whole")))
    }

    @Test func auditShardHashesAreUsedByTheWholeAudit() throws {
        let tmp = TemporaryDirectory()
        #expect(try CLIRunner.run(["demo", "-o", tmp.url.path, "--sources-only", "--count", "12"]).status == 0)
        let crops = tmp.path("crops").path
        #expect(try CLIRunner.run(["crop", tmp.path("sources/manifest.json").path, "-o", crops, "--size", "32", "-q"]).status == 0)
        let fresh = try CLIRunner.run(["audit", crops, "--no-cache", "--json"])
        for i in 0..<3 { #expect(try CLIRunner.run(["audit", crops, "--shard", "\(i)/3", "-q"]).status == 0) }
        let combined = try CLIRunner.run(["audit", crops, "--json"])
        let count = try DatasetFolder(tmp.path("crops")).load().records.count
        #expect(try CLIRunner.run(["audit", crops]).stdout.contains("\(count) from cache"))
        // Same findings whether hashes came from shards or were computed now.
        func findings(_ json: String) throws -> String {
            var obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            obj["cached"] = nil
            return String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(try findings(fresh.stdout) == findings(combined.stdout))
    }

    @Test func badShardIsAUsageError() throws {
        let r = try CLIRunner.run(["crop", "x.json", "--shard", "3/3"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--shard"))
    }
}
