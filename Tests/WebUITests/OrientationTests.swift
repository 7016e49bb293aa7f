import Crop
import DmanCore
import DmanTestSupport
import FlyingFox
import Foundation
import Testing
import WebUI

/// The page draws on the pixels the server sends; those must be the upright
/// pixels `dman crop` plans in, or a box drawn on a phone photo cuts the wrong place.
struct OrientationTests {
    /// A label server over one JPEG stored rotated and tagged EXIF orientation 6 (Crop's fixture, see its README).
    final class Phone {
        let dir = TemporaryDirectory("webui-exif")
        let token = "feedfacefeedfacefeedfacefeedface"
        let routes: LabelRoutes
        let renderer: PictureRenderer
        init() throws {
            try FileManager.default.copyItem(at: RepositoryFiles.url("Tests/CropTests/Fixtures/exif/rotated-righttop.jpg"),
                                             to: dir.path("phone.jpg"))
            let catalog = try PictureCatalog(folder: dir.url, manifestFolder: dir.url)
            renderer = PictureRenderer(cacheFolder: dir.path(".cache"))
            routes = LabelRoutes(policy: AccessPolicy(token: token), catalog: catalog,
                                 store: try LabelStore(catalog: catalog, manifestURL: dir.path("manifest.json")),
                                 settings: LabelSettings(), renderer: renderer)
        }
        func get(_ path: String, _ query: [String: String] = [:]) async throws -> (status: Int, type: String?, body: Data) {
            let items = query.merging(["token": token]) { a, _ in a }.map { HTTPRequest.QueryItem(name: $0.key, value: $0.value) }
            let r = await routes.respond(to: HTTPRequest(method: .GET, version: .http11, path: path, query: items,
                                                         headers: [.host: "127.0.0.1:1"], body: Data()))
            return (r.statusCode.code, r.headers[.contentType], try await r.bodyData)
        }
    }

    @Test func aBoxDrawnOnTheServedPixelsCropsTheSamePixels() async throws {
        let phone = try Phone()
        let served = try await phone.get("/img/p0")
        #expect(served.status == 200)
        #expect(served.type == "image/png", "a rotated JPEG is sent upright, as PNG")
        let upright = try ImageCodec.decode(served.body).image
        #expect((upright.width, upright.height) == (48, 32), "the file stores 32×48; upright it is 48×32")
        #expect(upright[4, 4][0] > 180 && upright[4, 4][1] > 180 && upright[4, 4][2] < 90, "yellow square top-left: \(upright[4, 4])")

        // A box across the red/blue border, as the page would save it.
        let box = LabelBox(x: 17, y: 9, w: 13, h: 15)
        let body = try JSONEncoder().encode(Saved(boxes: [box], revision: 0))
        let saved = await phone.routes.respond(to: HTTPRequest(method: .POST, version: .http11, path: "/api/boxes/p0", query: [],
            headers: [.host: "127.0.0.1:1", HTTPHeader("X-Dman-Token"): phone.token], body: body))
        #expect(saved.statusCode.code == 200)
        struct Plan: Decodable { let x: Int, y: Int, side: Int }
        let plan = try JSONDecoder().decode(Plan.self, from: try await phone.get("/api/plan/p0",
            ["x": "17", "y": "9", "w": "13", "h": "15", "width": "48", "height": "32"]).body)

        let out = phone.dir.path("crops")
        let summary = try Cropper(manifest: phone.dir.path("manifest.json"), output: out).run()
        #expect(summary.crops == 1)
        let cut = try ImageCodec.decode(Data(contentsOf: out.appendingPathComponent("phone_0.png"))).image
        #expect((cut.width, cut.height) == (plan.side, plan.side))
        var expected = PixelImage(width: plan.side, height: plan.side, channels: upright.channels)
        for y in 0..<plan.side { for x in 0..<plan.side { expected[x, y] = upright[plan.x + x, plan.y + y] } }
        #expect(cut.channels == upright.channels)
        #expect(cut.pixels == expected.pixels, "the crop is exactly the served pixels under the previewed square")
    }

    @Test func thumbnailsAreUprightAndCachedInTheOutputFolder() async throws {
        let phone = try Phone()
        let first = try await phone.get("/thumb/p0")
        #expect(first.status == 200)
        let thumb = try ImageCodec.decode(first.body).image
        #expect(thumb.width > thumb.height, "upright: wider than high")
        let cached = try FileManager.default.contentsOfDirectory(atPath: phone.dir.path(".cache/thumb128").path)
        #expect(cached.count == 1)
        #expect(try await phone.get("/thumb/p0").body == first.body)
        // An edited picture gets a fresh thumbnail rather than the stale one.
        try FileManager.default.removeItem(at: phone.dir.path("phone.jpg"))
        try PNGEncoder.encode(SyntheticImage.textured(width: 20, height: 60, seed: 9))!.write(to: phone.dir.path("phone.jpg"))
        let redone = try ImageCodec.decode(try await phone.get("/thumb/p0").body).image
        #expect(redone.height > redone.width)
    }

    @Test func aPictureThatIsNotOneIsAnsweredWithItsName() async throws {
        let phone = try Phone()
        try Data("<svg/>".utf8).write(to: phone.dir.path("phone.jpg"))
        let r = try await phone.get("/img/p0")
        #expect(r.status == 422)
        #expect(String(decoding: r.body, as: UTF8.self).contains("phone.jpg"))
    }
}
