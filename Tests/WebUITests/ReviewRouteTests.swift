import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing
import WebUI

/// The review page's routes: what they list, and the same security rules as the label page.
struct ReviewRouteTests {
    @Test func itemsListEveryPictureFamiliesTogetherOriginalsFirst() async throws {
        let f = try ReviewFixture()
        let items = try await f.items()
        #expect(items.map(\.id) == ["a0", "a1", "b0", "b1", "b2", "c0"])
        #expect(items.map(\.family) == ["A", "A", "B", "B", "B", "C"])
        #expect(items.first { $0.id == "b2" }?.transforms == ["rotate", "unsharp"])
        #expect(Set(items.map(\.key)).count == 6)
        let page = await f.respond(f.request(.GET, "/"))
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("review.js?token=\(f.token)"))
    }

    @Test func theAuditsFindingsAreShownPerPicture() async throws {
        // A real report of the fixture (as `dman audit --json` writes it), with findings put in.
        var options = Auditor.Options()
        options.useCache = false
        let plain = try ReviewFixture()
        var report = try Auditor(options: options).audit(folder: plain.folder).report
        report.findings = ["blurry": [AuditFinding(file: "b1.png", id: "b1", score: 0.1, threshold: 0.29)]]
        report.exactDuplicates = [["a1.png", "c0.png"]]
        let decoded = try JSONDecoder().decode(AuditReport.self, from: JSONEncoder().encode(report))
        let f = try ReviewFixture(audit: decoded)
        let items = try await f.items()
        #expect(items.first { $0.id == "b1" }?.issues == ["blurry"])
        #expect(items.first { $0.id == "c0" }?.issues == ["exact_duplicates"])
        #expect(items.first { $0.id == "a0" }?.issues == [])
    }

    @Test func picturesAreServedByKeyOnly() async throws {
        let f = try ReviewFixture()
        let key = try await f.keys(["b1"])[0]
        let r = await f.respond(f.request(.GET, "/img/\(key)"))
        #expect(r.status == 200)
        #expect(r.body == (try Data(contentsOf: f.folder.appendingPathComponent("b1.png"))))
        #expect(await f.respond(f.request(.GET, "/thumb/\(key)")).status == 200)
        for bad in ["b1", "b1.png", "..", "../set/b1.png", "i-1", "i01", "i99", "%2E%2E"] {
            #expect(await f.respond(f.request(.GET, "/img/" + bad)).status == 404, "\(bad)")
        }
    }

    @Test func aRecordPathLeavingTheDatasetIsRefusedBeforeAnythingIsServed() async throws {
        // DmanCore's dataset reader refuses it; the page never opens on such a folder.
        #expect { try ReviewFixture { records in records[5].file = "../secret.png" } } throws: { error in
            (error as? WebUIError)?.description.contains("records[5].file: ../secret.png is outside the dataset folder") == true
        }
    }

    @Test func tokenHostAndMethodRulesHold() async throws {
        let f = try ReviewFixture()
        let before = try f.snapshot()
        let body = try JSONEncoder().encode(["keys": try await f.keys(["a0"])])
        #expect(await f.respond(f.request(.GET, "/api/items", token: "wrong")).status == 403)
        #expect(await f.respond(f.request(.GET, "/", host: "evil.example:9")).status == 421)
        #expect(await f.respond(f.request(.POST, "/api/reject", body: body)).status == 403, "query token alone cannot write")
        #expect(await f.respond(f.request(.PUT, "/api/reject", headerToken: f.token, body: body)).status == 405)
        #expect(await f.respond(f.request(.GET, "/api/reject", headerToken: f.token)).status == 404)
        #expect(await f.respond(f.request(.POST, "/api/reject", headerToken: f.token, body: Data("[".utf8))).status == 400)
        #expect(try f.snapshot() == before, "no refused request moved anything")
        #expect(await f.respond(f.request(.POST, "/api/reject", headerToken: f.token, body: body)).status == 200)
        #expect(try f.snapshot() != before)
    }

    @Test func aFolderWithoutDatasetJSONIsRefusedByName() throws {
        let dir = TemporaryDirectory("webui-review-plain")
        #expect { try ReviewStore(folder: dir.url) } throws: { error in
            (error as? WebUIError)?.description.contains("dataset.json") == true
        }
    }
}
