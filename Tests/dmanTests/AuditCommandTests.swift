import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct AuditCommandTests {
    /// A plain folder: two exact copies, a near copy, an unrelated picture and a broken file.
    static func folder() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory("dman-audit-cli")
        let a = SyntheticImage.textured(width: 64, height: 64, seed: 1)
        var near = a
        for i in near.pixels.indices { near.pixels[i] = UInt8(min(255, Int(near.pixels[i]) + 5)) }
        try ImageCodec.pngData(a).write(to: dir.path("a.png"))
        try ImageCodec.pngData(a).write(to: dir.path("b.png"))
        try ImageCodec.pngData(near).write(to: dir.path("c.png"))
        try ImageCodec.pngData(SyntheticImage.textured(width: 64, height: 64, seed: 2)).write(to: dir.path("d.png"))
        try Data("garbage".utf8).write(to: dir.path("broken.png"))
        return dir
    }

    @Test func jsonReportHasDuplicateGroupsAndExitsZeroDespiteFindings() throws {
        let dir = try Self.folder()
        let r = try CLIRunner.run(["audit", dir.url.path, "--json", "--no-cache"])
        #expect(r.status == 0, "findings are not failures: \(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["format"] as? String == "dman-audit-report")
        #expect(json["exact_duplicates"] as? [[String]] == [["a.png", "b.png"]])
        #expect(json["near_duplicates"] as? [[String]] == [["a.png", "b.png", "c.png"]])
        let findings = try #require(json["findings"] as? [String: [[String: Any]]])
        #expect(findings["unreadable"]?.first?["file"] as? String == "broken.png")
        #expect(r.stderr.contains("broken.png"), "unreadable file named on stderr")
    }

    @Test func reportKeysFollowTheSchema() throws {
        let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("manifests/audit-report.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        let required = try #require(schema["required"] as? [String])
        let dir = try Self.folder()
        let r = try CLIRunner.run(["audit", dir.url.path, "--json", "--no-cache", "--dedupe", "--dry-run"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(json.keys).isSubset(of: Set(properties.keys)), "keys not in the schema: \(Set(json.keys).subtracting(properties.keys))")
        #expect(Set(required).isSubset(of: Set(json.keys)))
        let issues = Set(((schema["$defs"] as? [String: Any])?["issue"] as? [String: Any])?["enum"] as? [String] ?? [])
        #expect(Set((json["counts"] as? [String: Int] ?? [:]).keys) == issues)
    }

    @Test func terminalSummaryFitsOneScreen() throws {
        let dir = try Self.folder()
        let r = try CLIRunner.run(["audit", dir.url.path, "--no-cache"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count <= 24)
        #expect(lines.contains { $0.hasPrefix("near_duplicates") && $0.contains("3") })
    }

    @Test func dedupeRestoreAndReportFromTheCommandLine() throws {
        let dir = try Self.folder()
        let html = dir.url.deletingLastPathComponent().appendingPathComponent("\(dir.url.lastPathComponent).html")
        let thumbs = html.deletingLastPathComponent().appendingPathComponent("\(dir.url.lastPathComponent)_files")
        defer { try? FileManager.default.removeItem(at: html); try? FileManager.default.removeItem(at: thumbs) }
        let dry = try CLIRunner.run(["audit", dir.url.path, "--dedupe", "--dry-run", "--json", "--no-cache"])
        #expect(dry.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.path("quarantine").path))
        let moved = try CLIRunner.run(["audit", dir.url.path, "--dedupe", "--no-cache", "--report", html.path])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("quarantine/b.png").path))
        #expect(FileManager.default.fileExists(atPath: dir.path("quarantine/c.png").path))
        #expect(try String(contentsOf: html, encoding: .utf8).contains("src=\"\(thumbs.lastPathComponent)/"))
        #expect(try !FileManager.default.contentsOfDirectory(atPath: thumbs.path).isEmpty)
        let back = try CLIRunner.run(["audit", dir.url.path, "--restore"])
        #expect(back.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.path("b.png").path))
        #expect(!FileManager.default.fileExists(atPath: dir.path("quarantine").path))
    }

    @Test func badFlagsAndMissingFolder() throws {
        #expect(try CLIRunner.run(["audit", "/tmp", "--threshold", "70"]).status == 64)
        #expect(try CLIRunner.run(["audit", "/tmp", "--dry-run"]).status == 64)
        #expect(try CLIRunner.run(["audit", "/tmp", "--checks", "nonsense"]).status == 64)
        let missing = try CLIRunner.run(["audit", "/nonexistent/dman-folder"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/dman-folder"))
    }

    @Test func orderNeedsADatasetFolder() throws {
        let dir = try Self.folder()
        let r = try CLIRunner.run(["audit", dir.url.path, "--order", "balanced", "--batch", "4", "--no-cache"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("dataset.json"))
    }
}
