import DmanCore
import DmanTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Issue 17, rows 52–53: the label and review servers killed with SIGKILL
/// while saves are in flight. The label manifest is always a whole document
/// holding either the last acknowledged boxes or the one in flight; every
/// picture of a reviewed dataset is present exactly once, byte for byte, and
/// the restarted server opens the folder again.
@Suite(.serialized) struct ServerKillTests {
    /// A running `dman label|review`, with the URL it printed.
    final class Server: @unchecked Sendable {
        let process = Process()
        let base: String
        let token: String

        init(_ args: [String]) throws {
            process.executableURL = CLIRunner.executable
            process.arguments = args
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            var seen = ""
            let deadline = Date().addingTimeInterval(30)
            while !seen.contains("token="), Date() < deadline {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
            }
            guard let open = seen.split(separator: "\n").first(where: { $0.hasPrefix("open http") }),
                  let url = open.split(separator: " ").dropFirst().first, let q = url.range(of: "/?token=") else {
                process.terminate()
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "no URL in: \(seen)"])
            }
            base = String(url[..<q.lowerBound])
            token = String(url[q.upperBound...])
        }

        /// One request; the answer's body and status (nil when the connection broke).
        func call(_ path: String, post body: Any? = nil) -> (Int, Data)? {
            var request = URLRequest(url: URL(string: base + path)!)
            request.setValue(token, forHTTPHeaderField: "X-Dman-Token")
            request.timeoutInterval = 10
            if let body {
                request.httpMethod = "POST"
                request.httpBody = try? JSONSerialization.data(withJSONObject: body)
            }
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: (Int, Data)?
            URLSession.shared.dataTask(with: request) { data, response, _ in
                if let r = response as? HTTPURLResponse { result = (r.statusCode, data ?? Data()) }
                done.signal()
            }.resume()
            done.wait()
            return result
        }

        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    static func json(_ data: Data) -> [String: Any]? { try? JSONSerialization.jsonObject(with: data) as? [String: Any] }

    @Test(arguments: [3, 11, 20])
    func killedLabelServerLeavesAWholeManifestWithTheLastOrTheInFlightBoxes(saves: Int) throws {
        let tmp = TemporaryDirectory("kill-label")
        let pics = tmp.path("pics")
        try FileManager.default.createDirectory(at: pics, withIntermediateDirectories: true)
        for i in 0..<3 {
            try PNGEncoder.encode(SyntheticImage.textured(width: 120, height: 90, seed: UInt64(i + 1)))!
                .write(to: pics.appendingPathComponent("pic-\(i).png"))
        }
        let server = try Server(["label", pics.path, "--port", "0"])
        var revision = 0
        var acknowledged: Int?
        for k in 0..<saves {
            let body: [String: Any] = ["revision": revision, "boxes": [["x": 5 + k, "y": 4, "w": 40, "h": 40, "label": "character"]]]
            guard let (status, data) = server.call("/api/boxes/p0", post: body), status == 200,
                  let rev = Self.json(data)?["revision"] as? Int else { Issue.record("save \(k) failed"); break }
            revision = rev
            acknowledged = 5 + k
        }
        #expect(acknowledged == 4 + saves)
        // One more save in flight when the kill lands.
        let inFlight = 5 + saves, base = revision
        DispatchQueue.global().async {
            _ = server.call("/api/boxes/p0", post: ["revision": base, "boxes": [["x": inFlight, "y": 4, "w": 40, "h": 40, "label": "character"]]])
        }
        usleep(useconds_t(300 * saves))
        server.kill9()

        let manifest = try #require(Self.json(try Data(contentsOf: pics.appendingPathComponent("manifest.json"))), "a whole JSON document")
        let images = try #require(manifest["images"] as? [[String: Any]])
        let x = (images.first { $0["file"] as? String == "pic-0.png" }?["boxes"] as? [[String: Any]])?.first?["x"] as? Int
        #expect(x == acknowledged || x == inFlight, "boxes are the last acknowledged (\(acknowledged ?? -1)) or the in-flight save (\(inFlight)), got \(x ?? -1)")
        #expect(FaultInvariants.files(pics) == ["manifest.json", "pic-0.png", "pic-1.png", "pic-2.png"])

        // The same command again opens the saved boxes.
        let again = try Server(["label", pics.path, "--port", "0"])
        defer { again.kill9() }
        let boxes = try #require(again.call("/api/boxes/p0").flatMap { Self.json($0.1) })
        #expect(((boxes["boxes"] as? [[String: Any]])?.first?["x"] as? Int) == x)
    }

    @Test(arguments: [1, 4])
    func killedReviewServerLosesNoPictureAndTheJournalIsFinishedOnReopen(rejects: Int) throws {
        let fixture = try StageFixture("kill-review")
        try fixture.crop()
        try fixture.augment()
        let aug = fixture.path("aug")
        let before = FaultInvariants.pictureHashes(aug)
        let server = try Server(["review", aug.path, "--port", "0"])
        let items = try #require(server.call("/api/items").flatMap { try? JSONSerialization.jsonObject(with: $0.1) })
        let list = (items as? [[String: Any]]) ?? ((items as? [String: Any])?["items"] as? [[String: Any]]) ?? []
        let keys = list.compactMap { $0["key"] as? String }
        #expect(keys.count >= 2 * rejects + 2)
        for k in 0..<rejects { #expect(server.call("/api/reject", post: ["keys": [keys[2 * k]]])?.0 == 200) }
        #expect(!FaultInvariants.files(aug.appendingPathComponent("quarantine")).isEmpty, "the acknowledged rejections moved files")
        DispatchQueue.global().async { _ = server.call("/api/reject", post: ["keys": Array(keys.suffix(2))]) }
        usleep(2_000)
        server.kill9()

        #expect(FaultInvariants.pictureHashes(aug) == before, "every picture once, main folder or quarantine/, bytes unchanged")
        let again = try Server(["review", aug.path, "--port", "0"])
        again.kill9()
        #expect(FaultInvariants.pictureHashes(aug) == before)
        let doc = try DatasetFolder(aug).load()
        #expect(doc.records.count + (doc.quarantine?.count ?? 0) == before.values.reduce(0, +),
                "dataset.json lists each picture once after the journal is finished")
        let restored = try CLIRunner.run(["audit", aug.path, "--restore"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(FaultInvariants.pictureHashes(aug) == before)
    }
}
