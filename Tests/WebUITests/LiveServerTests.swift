import DmanCore
import DmanTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import WebUI

/// A real server on a loopback socket: the token and Host rules hold over TCP too,
/// and the browser test drives it.
struct LiveServerTests {
    static let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let seleniumPresent: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import selenium"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()
    static let browserReady = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") && chromedriver != nil && seleniumPresent

    /// A served folder of `count` textured PNG pictures.
    static func serve(_ dir: TemporaryDirectory, count: Int = 3) async throws -> (PageServer, UInt16, String) {
        for i in 0..<count {
            let png = PNGEncoder.encode(SyntheticImage.textured(width: 320 + 40 * i, height: 240, seed: UInt64(i + 1)))!
            try png.write(to: dir.path(String(format: "pic-%03d.png", i)))
        }
        let catalog = try PictureCatalog(folder: dir.url, manifestFolder: dir.url)
        let store = try LabelStore(catalog: catalog, manifestURL: dir.path("manifest.json"))
        let policy = AccessPolicy(token: AccessPolicy.randomToken())
        let server = try PageServer(host: "127.0.0.1", port: 0,
                                    routes: LabelRoutes(policy: policy, catalog: catalog, store: store, settings: LabelSettings(),
                                                        renderer: PictureRenderer(cacheFolder: dir.path(".cache"))))
        Task { try await server.run() }
        return (server, try await server.port(), policy.token)
    }

    func status(_ url: String, host: String? = nil) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        if let host { request.setValue(host, forHTTPHeaderField: "Host") }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as! HTTPURLResponse).statusCode
    }

    @Test func theSocketServerAppliesTheTokenRule() async throws {
        let dir = TemporaryDirectory("webui-live")
        let (server, port, token) = try await Self.serve(dir)
        defer { Task { await server.stop() } }
        #expect(try await status("http://127.0.0.1:\(port)/?token=\(token)") == 200)
        #expect(try await status("http://127.0.0.1:\(port)/img/p1?token=\(token)") == 200)
        #expect(try await status("http://127.0.0.1:\(port)/") == 403)
        #expect(try await status("http://127.0.0.1:\(port)/img/%2E%2E%2Fmanifest.json?token=\(token)") == 404)
    }

    @Test(.enabled(if: browserReady, "chromium, chromium-driver or python3 selenium missing (.ci/run installs them); browser test skipped"))
    func drawingNudgingAndUndoingInChromiumSavesTheManifest() async throws {
        let dir = TemporaryDirectory("webui-browser")
        let (server, port, token) = try await Self.serve(dir)
        defer { Task { await server.stop() } }
        let shot = ProcessInfo.processInfo.environment["DMAN_SCREENSHOTS"].map { URL(fileURLWithPath: $0).appendingPathComponent("label-page.png") }
            ?? dir.path("label-page.png")
        let out = try await Self.runPython(RepositoryFiles.url("Tests/WebUITests/Browser/label_page.py").path,
                                     ["http://127.0.0.1:\(port)/?token=\(token)", shot.path])
        struct Box: Decodable, Equatable { let x: Double, y: Double, w: Double, h: Double }
        struct Result: Decodable { let drawn: Box; let nudged: Box; let undone: Box; let status: String }
        let r = try JSONDecoder().decode(Result.self, from: out)
        #expect(r.status == "saved")
        #expect(r.drawn.w == r.drawn.h, "boxes are square by default")
        #expect(r.drawn.w > 20)
        #expect(r.nudged == Box(x: r.drawn.x + 3, y: r.drawn.y + 10, w: r.drawn.w, h: r.drawn.h))
        struct Manifest: Decodable { struct Image: Decodable { let file: String; let boxes: [Box] }; let images: [Image] }
        let onDisk = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: dir.path("manifest.json")))
        #expect(onDisk.images.count == 1)
        #expect(r.undone == Box(x: r.drawn.x + 3, y: r.drawn.y, w: r.drawn.w, h: r.drawn.h), "Ctrl+Z took back Shift+↓")
        #expect(onDisk.images.first?.boxes == [r.undone])
        #expect(FileManager.default.fileExists(atPath: shot.path))
    }

    /// Runs the script on a plain thread, so the blocking wait never holds a concurrency-pool thread the server needs.
    static func runPython(_ script: String, _ args: [String]) async throws -> Data {
        try await withCheckedThrowingContinuation { done in
            Thread.detachNewThread { done.resume(with: Result { try runPythonBlocking(script, args) }) }
        }
    }

    static func runPythonBlocking(_ script: String, _ args: [String]) throws -> Data {
        let p = Process(), out = Pipe(), err = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script] + args
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw WebUIError.badRequest("browser script failed (\(p.terminationStatus)): \(String(decoding: errors, as: UTF8.self).suffix(2000))")
        }
        return data
    }
}
