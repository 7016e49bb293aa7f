import FlyingFox
import Foundation
import Testing
import WebUI

/// Each rule of the page servers' security model, asserted at the route level.
struct SecurityRouteTests {
    @Test func aRequestWithTheTokenIsServed() async throws {
        let f = try LabelFixture()
        let page = await f.respond(f.request(.GET, "/"))
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("data-testid=\"label-stage\""))
        let picture = await f.respond(f.request(.GET, "/img/p0"))
        #expect(picture.status == 200)
        #expect(picture.body == (try Data(contentsOf: f.dir.path("a.jpg"))))   // p0 is a.jpg: sorted by name, sent as is
    }

    @Test func aRequestWithoutTheTokenIsRefused() async throws {
        let f = try LabelFixture()
        for path in ["/", "/img/p0", "/api/state", "/api/boxes/p0", "/assets/label.js"] {
            #expect(await f.respond(f.request(.GET, path, query: [:])).status == 403, "\(path)")
            #expect(await f.respond(f.request(.GET, path, query: ["token": "wrong"])).status == 403, "\(path)")
        }
    }

    @Test func aForeignHostHeaderIsRefusedEvenWithTheToken() async throws {
        let f = try LabelFixture()
        for host in ["evil.example:8123", "evil.example", "127.0.0.1.evil.example:8123", ""] {
            #expect(await f.respond(f.request(.GET, "/", host: host)).status == 421, "\(host)")
        }
        #expect(await f.respond(f.request(.GET, "/", host: nil)).status == 421)
        #expect(await f.respond(f.request(.GET, "/", host: "localhost:9")).status == 200)
        #expect(await f.respond(f.request(.GET, "/", host: "[::1]:9")).status == 200)
    }

    @Test func imageIdsNeverReachTheFileSystem() async throws {
        let f = try LabelFixture()
        for id in ["..", "../manifest.json", "..%2Fsecret.png", "p0/../p1", "/etc/passwd", "a.jpg", "p-1", "p01", "p3", "p99"] {
            let r = await f.respond(f.request(.GET, "/img/" + id))
            #expect(r.status == 404, "\(id)")
            #expect(!String(decoding: r.body, as: UTF8.self).contains("secret"))
        }
        #expect(await f.respond(f.request(.GET, "/img/../Package.swift")).status == 404)
    }

    @Test func stateChangesNeedPostWithTheHeaderToken() async throws {
        let f = try LabelFixture()
        let body = try JSONEncoder().encode(Saved(boxes: [LabelBox(x: 1, y: 1, w: 5, h: 5)], revision: 0))
        // The query token alone (what a cross-site form could carry if it knew it) is not enough for a write.
        #expect(await f.respond(f.request(.POST, "/api/boxes/p0", body: body)).status == 403)
        #expect(await f.respond(f.request(.PUT, "/api/boxes/p0", headerToken: f.token, body: body)).status == 405)
        #expect(await f.respond(f.request(.DELETE, "/api/boxes/p0", headerToken: f.token)).status == 405)
        #expect(!FileManager.default.fileExists(atPath: f.manifest.path))
        #expect(await f.respond(f.request(.POST, "/api/boxes/p0", headerToken: f.token, body: body)).status == 200)
        #expect(FileManager.default.fileExists(atPath: f.manifest.path))
    }

    @Test func bodiesOverTheCapAreRefused() async throws {
        let f = try LabelFixture(maxBody: 64)
        let boxes = (0..<10).map { LabelBox(x: Double($0), y: 0, w: 5, h: 5) }
        let r = await f.save("p0", boxes: boxes, revision: 0)
        #expect(r.status == 413)
        #expect(!FileManager.default.fileExists(atPath: f.manifest.path))
    }

    @Test func hostNamesAreParsedWithoutTheirPort() {
        #expect(AccessPolicy.hostName("LocalHost:80") == "localhost")
        #expect(AccessPolicy.hostName("[::1]:443") == "[::1]")
        #expect(AccessPolicy.hostName("127.0.0.1") == "127.0.0.1")
        #expect(AccessPolicy(token: "t", extraHost: "192.168.1.5").allowedHostNames.contains("192.168.1.5"))
    }
}
