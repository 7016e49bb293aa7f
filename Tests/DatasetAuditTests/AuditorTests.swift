import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct AuditorTests {
    @Test func unreadableFilesAreReportedAndTheRestIsAudited() throws {
        let dir = TemporaryDirectory()
        for k in 0..<4 { try AuditFixtures.writePNG(AuditFixtures.picture(UInt64(k)), dir.url, "ok\(k).png") }
        try Data("not a picture".utf8).write(to: dir.path("broken.png"))
        let png = try ImageCodec.pngData(AuditFixtures.picture(9))
        try png.prefix(png.count / 2).write(to: dir.path("truncated.png"))
        var o = Auditor.Options()
        o.useCache = false
        let r = try Auditor(options: o).audit(folder: dir.url)
        #expect(r.report.images == 6 && r.report.readable == 4)
        let bad = (r.report.findings["unreadable"] ?? []).map(\.file).sorted()
        #expect(bad == ["broken.png", "truncated.png"])
        #expect((r.report.findings["unreadable"] ?? []).allSatisfy { !($0.detail ?? "").isEmpty })
        o.strict = true
        #expect(throws: AuditError.self) { try Auditor(options: o).audit(folder: dir.url) }
    }

    @Test func cacheIsReusedAndInvalidatedByContent() throws {
        let parent = TemporaryDirectory()
        let dir = parent.path("set")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for k in 0..<3 { try AuditFixtures.writePNG(AuditFixtures.picture(UInt64(k)), dir, "p\(k).png") }
        let first = try Auditor().audit(folder: dir).report
        #expect(first.cached == 0)
        // The cache lives inside the audited folder, never beside it.
        #expect(HashCache.url(for: dir).deletingLastPathComponent().standardizedFileURL.path == dir.standardizedFileURL.path)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(".dman-audit-cache.json").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.url.path) == ["set"])
        let second = try Auditor().audit(folder: dir).report
        #expect(second.cached == 3)
        // Same name, new content: that entry is recomputed and the new pixels count.
        try AuditFixtures.writePNG(AuditFixtures.picture(0), dir, "p1.png")
        let third = try Auditor().audit(folder: dir).report
        #expect(third.cached == 2)
        #expect(third.exactDuplicates == [["p0.png", "p1.png"]])
    }

    @Test func readOnlyFolderCachesUnderXDGCacheHome() throws {
        let one = TemporaryDirectory(), two = TemporaryDirectory(), xdg = TemporaryDirectory()
        let env = ["XDG_CACHE_HOME": xdg.url.path]
        let a = HashCache.directory(for: one.url, writable: false, environment: env)
        #expect(a.path.hasPrefix(xdg.url.standardizedFileURL.path + "/dman/audit/"))
        #expect(HashCache.directory(for: one.url, writable: false, environment: env) == a)
        #expect(HashCache.directory(for: two.url, writable: false, environment: env) != a)
        #expect(HashCache.directory(for: one.url, writable: true, environment: env).path == one.url.standardizedFileURL.path)
        // A relative XDG_CACHE_HOME is ignored, as the XDG spec says.
        #expect(!HashCache.directory(for: one.url, writable: false, environment: ["XDG_CACHE_HOME": "rel"]).path.contains("/rel/"))
    }

    @Test func reportDoesNotDependOnJobs() throws {
        let dir = TemporaryDirectory()
        let a = AuditFixtures.picture(70)
        for k in 0..<12 { try AuditFixtures.writePNG(k % 3 == 0 ? AuditFixtures.brightened(a, by: k) : AuditFixtures.picture(UInt64(80 + k)), dir.url, "p\(k).png") }
        var o = Auditor.Options()
        o.useCache = false
        o.jobs = 1
        let one = try Auditor(options: o).audit(folder: dir.url).report
        o.jobs = 3
        let three = try Auditor(options: o).audit(folder: dir.url).report
        #expect(one == three)
        #expect(try DatasetFolder.encoder.encode(one) == DatasetFolder.encoder.encode(three))
        #expect(!one.nearDuplicates.isEmpty)
    }

    @Test func symlinkOutOfTheFolderIsRefused() throws {
        let dir = TemporaryDirectory(), outside = TemporaryDirectory()
        try AuditFixtures.writePNG(AuditFixtures.picture(1), dir.url, "inside.png")
        try AuditFixtures.writePNG(AuditFixtures.picture(2), outside.url, "secret.png")
        try FileManager.default.createSymbolicLink(at: dir.path("link.png"), withDestinationURL: outside.path("secret.png"))
        var o = Auditor.Options()
        o.useCache = false
        let r = try Auditor(options: o).audit(folder: dir.url).report
        let bad = r.findings["unreadable"] ?? []
        #expect(bad.map(\.file) == ["link.png"])
        #expect(bad.first?.detail?.contains("symbolic link") == true)
        #expect(r.readable == 1)
    }

    @Test func missingFolderIsAnError() {
        #expect(throws: AuditError.self) { try Auditor().audit(folder: URL(fileURLWithPath: "/nonexistent/dman-audit")) }
    }
}
