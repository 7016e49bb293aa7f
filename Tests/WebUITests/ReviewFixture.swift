import DatasetAudit
import DmanCore
import DmanTestSupport
import FlyingFox
import Foundation
import WebUI

/// A small dataset folder: families A (original + one augmentation), B (original + two) and C (original,
/// an exact copy of a0),
/// with a review server's routes over it.
final class ReviewFixture {
    let dir = TemporaryDirectory("webui-review")
    let token = "0123456789abcdef0123456789abcdef"
    let routes: ReviewRoutes
    var folder: URL { dir.path("set") }

    static let layout: [(id: String, family: String, transforms: [String])] = [
        ("a0", "A", []), ("a1", "A", ["rotate"]),
        ("b0", "B", []), ("b1", "B", ["flip"]), ("b2", "B", ["rotate", "unsharp"]),
        ("c0", "C", []),
    ]

    /// `beforeOpening` runs on the written folder before the review store opens it.
    init(audit: AuditReport? = nil, records: ((inout [DatasetRecord]) -> Void)? = nil,
         beforeOpening: ((URL) throws -> Void)? = nil) throws {
        try FileManager.default.createDirectory(at: dir.path("set"), withIntermediateDirectories: true)
        var list: [DatasetRecord] = []
        for (i, item) in Self.layout.enumerated() {
            // c0 has a0's pixels: an exact duplicate across families, for the dedupe tests.
            let seed = item.id == "c0" ? 1 : UInt64(i + 1)
            let png = PNGEncoder.encode(SyntheticImage.textured(width: 48, height: 48, seed: seed))!
            try png.write(to: dir.path("set/\(item.id).png"))
            var prov = Provenance(source: "src/\(item.family).png")
            prov.transforms = item.transforms.map { AppliedTransform(name: $0, stage: "augment", parameters: .object([:])) }
            list.append(DatasetRecord(id: item.id, file: "\(item.id).png", sha256: SHA256.hex(png), width: 48, height: 48,
                                      family: item.family, parent: item.transforms.isEmpty ? nil : "\(item.family.lowercased())0",
                                      provenance: prov))
        }
        records?(&list)
        try DatasetFolder(dir.path("set")).save(DatasetDocument(stage: "augment", records: list))
        try beforeOpening?(dir.path("set"))
        let store = try ReviewStore(folder: dir.path("set"), audit: audit)
        routes = ReviewRoutes(policy: AccessPolicy(token: token), store: store,
                              renderer: PictureRenderer(cacheFolder: dir.path(".cache")))
    }

    struct Items: Decodable { let items: [ReviewStore.Item]; let moved: [String]? }

    func request(_ method: HTTPMethod, _ path: String, token: String? = nil, headerToken: String? = nil,
                 host: String = "127.0.0.1:9", body: Data = Data()) -> HTTPRequest {
        var headers: [HTTPHeader: String] = [.host: host, .contentLength: String(body.count)]
        if let headerToken { headers[HTTPHeader("X-Dman-Token")] = headerToken }
        let query = [HTTPRequest.QueryItem(name: "token", value: token ?? self.token)]
        return HTTPRequest(method: method, version: .http11, path: path, query: query, headers: headers, body: body)
    }

    func respond(_ r: HTTPRequest) async -> (status: Int, body: Data) {
        let response = await routes.respond(to: r)
        return (response.statusCode.code, (try? await response.bodyData) ?? Data())
    }

    func items() async throws -> [ReviewStore.Item] {
        try JSONDecoder().decode(Items.self, from: await respond(request(.GET, "/api/items")).body).items
    }

    /// The key of each record id, as the page sees it.
    func keys(_ ids: [String]) async throws -> [String] {
        let all = try await items()
        return ids.map { id in all.first { $0.id == id }!.key }
    }

    func post(_ action: String, ids: [String]) async throws -> (status: Int, body: Data) {
        let body = try JSONEncoder().encode(["keys": try await keys(ids)])
        return await respond(request(.POST, "/api/\(action)", headerToken: token, body: body))
    }

    /// Every regular file under the dataset folder with its bytes (the lock file excepted).
    func snapshot() throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        let e = FileManager.default.enumerator(atPath: base)!
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + rel))
            }
        }
        return out
    }
}
