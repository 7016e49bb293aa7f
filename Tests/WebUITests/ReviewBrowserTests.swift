import DmanCore
import DmanTestSupport
import Foundation
import Testing
import WebUI

/// The review page in Chromium, driven by keys: reject a family and a single picture, restore the family,
/// and check the files on disk after each step.
struct ReviewBrowserTests {
    @Test(.enabled(if: LiveServerTests.browserReady, "chromium, chromium-driver or python3 selenium missing (.ci/run installs them); browser test skipped"))
    func rejectAndRestoreAFamilyByKeys() async throws {
        let f = try ReviewFixture()
        let before = try f.snapshot()
        let server = try PageServer(host: "127.0.0.1", port: 0, routes: f.routes)
        Task { try await server.run() }
        defer { Task { await server.stop() } }
        let url = "http://127.0.0.1:\(try await server.port())/?token=\(f.token)"
        let script = RepositoryFiles.url("Tests/WebUITests/Browser/review_page.py").path
        let shot = ProcessInfo.processInfo.environment["DMAN_SCREENSHOTS"].map { URL(fileURLWithPath: $0).appendingPathComponent("review-page.png") }
            ?? f.dir.path("review-page.png")
        struct Result: Decodable { let statuses: [String]; let counts: String }

        let first = try JSONDecoder().decode(Result.self, from: try await LiveServerTests.runPython(script, [url, "reject", shot.path]))
        #expect(first.statuses == ["rejected 2 pictures; saved", "rejected 1 picture; saved"])
        #expect(first.counts.hasSuffix("3 kept, 3 rejected"))
        let here = { (name: String) in FileManager.default.fileExists(atPath: f.folder.appendingPathComponent(name).path) }
        #expect(["quarantine/a0.png", "quarantine/a1.png", "quarantine/b1.png", "b0.png", "b2.png", "c0.png"].allSatisfy(here))
        #expect(!["a0.png", "a1.png", "b1.png"].contains(where: here))
        #expect(FileManager.default.fileExists(atPath: shot.path))

        let second = try JSONDecoder().decode(Result.self, from: try await LiveServerTests.runPython(script, [url, "restore"]))
        #expect(second.statuses == ["restored 2 pictures; saved"])
        #expect(["a0.png", "a1.png", "quarantine/b1.png"].allSatisfy(here))
        let doc = try DatasetFolder(f.folder).load()
        #expect(doc.quarantine?.map(\.record.id) == ["b1"])
        #expect(try f.snapshot().filter { $0.key.hasSuffix(".png") }.count == before.filter { $0.key.hasSuffix(".png") }.count)
    }
}
