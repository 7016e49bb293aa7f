import DmanCore
import DmanTestSupport
import FlyingFox
import Foundation
import WebUI

/// A folder of three pictures (a.jpg, b.png, c.png) and a text file with a label server's routes over it.
final class LabelFixture {
    let dir = TemporaryDirectory("webui-label")
    let token = "0123456789abcdef0123456789abcdef"
    let routes: LabelRoutes
    var manifest: URL { dir.path("manifest.json") }

    init(maxBody: Int = 1 << 20, settings: LabelSettings = LabelSettings()) throws {
        try FileManager.default.copyItem(at: RepositoryFiles.url("Tests/CropTests/Fixtures/jpeg/plasma-256x192.jpg"),
                                         to: dir.path("a.jpg"))
        for (i, name) in ["b.png", "c.png"].enumerated() {
            try PNGEncoder.encode(SyntheticImage.textured(width: 40 + 8 * i, height: 30, seed: UInt64(i + 1)))!.write(to: dir.path(name))
        }
        try Data("not a picture".utf8).write(to: dir.path("notes.txt"))
        try Data("secret".utf8).write(to: dir.url.deletingLastPathComponent().appendingPathComponent("secret-\(UUID().uuidString).png"))
        let catalog = try PictureCatalog(folder: dir.url, manifestFolder: dir.url)
        let store = try LabelStore(catalog: catalog, manifestURL: dir.path("manifest.json"))
        routes = LabelRoutes(policy: AccessPolicy(token: token, maxBodyBytes: maxBody), catalog: catalog, store: store,
                             settings: settings, renderer: PictureRenderer(cacheFolder: dir.path(".cache")))
    }

    /// A request as a browser on the served page would send it, with each part overridable.
    func request(_ method: HTTPMethod = .GET, _ path: String, query: [String: String]? = nil, host: String? = "127.0.0.1:8123",
                 headerToken: String? = nil, body: Data = Data()) -> HTTPRequest {
        var headers: [HTTPHeader: String] = [:]
        if let host { headers[.host] = host }
        if let headerToken { headers[HTTPHeader("X-Dman-Token")] = headerToken }
        headers[.contentLength] = String(body.count)
        let items = (query ?? ["token": token]).map { HTTPRequest.QueryItem(name: $0.key, value: $0.value) }
        return HTTPRequest(method: method, version: .http11, path: path, query: items, headers: headers, body: body)
    }

    func respond(_ r: HTTPRequest) async -> (status: Int, body: Data) {
        let response = await routes.respond(to: r)
        return (response.statusCode.code, (try? await response.bodyData) ?? Data())
    }

    func save(_ id: String, boxes: [LabelBox], revision: Int) async -> (status: Int, body: Data) {
        let body = try! JSONEncoder().encode(Saved(boxes: boxes, revision: revision))
        return await respond(request(.POST, "/api/boxes/\(id)", headerToken: token, body: body))
    }
}
