import DmanCore
import FlyingFox
import Foundation

/// The review page's routes. Every request passes the ``AccessPolicy`` first;
/// pictures are named by ``ReviewStore`` keys only, and their files (paths
/// read from `dataset.json`) are confined to the dataset folder.
///
///     GET  /                    the page           GET /assets/<file>  script, style
///     GET  /api/items           every picture: key, family, file, rejected, issues, ...
///     POST /api/reject          {"keys": ["i3", ...]} → moved to quarantine/, answers the new items
///     POST /api/restore         {"keys": [...]}       → moved back, answers the new items
///     GET  /thumb/<key>         thumbnail          GET /img/<key>  the picture
public struct ReviewRoutes: PageRoutes {
    public let policy: AccessPolicy
    public let store: ReviewStore
    public let renderer: PictureRenderer

    public init(policy: AccessPolicy, store: ReviewStore, renderer: PictureRenderer) {
        (self.policy, self.store, self.renderer) = (policy, store, renderer)
    }

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let writes = parts.first == "api" && request.method != .GET && request.method != .HEAD
        if let denial = policy.check(request, changesState: writes) { return Reply.error(denial.status, denial.description) }
        switch (request.method, parts.first ?? "", parts.count) {
        case (.GET, "", 1): return Assets.page("review.html", token: policy.token)
        case (.GET, "assets", 2) where ["review.js", "review.css"].contains(parts[1]): return Assets.file(parts[1])
        case (.GET, "api", 2) where parts[1] == "items": return await items()
        case (.POST, "api", 2) where parts[1] == "reject": return await change(request, reject: true)
        case (.POST, "api", 2) where parts[1] == "restore": return await change(request, reject: false)
        case (.GET, "thumb", 2): return await picture(parts[1], thumbnail: true)
        case (.GET, "img", 2): return await picture(parts[1], thumbnail: false)
        default: return Reply.error(404, "no such route")
        }
    }

    struct Items: Encodable { let dataset: String; let items: [ReviewStore.Item]; let moved: [String]? }

    func items(moved: [String]? = nil) async -> HTTPResponse {
        Reply.json(Items(dataset: store.folder.lastPathComponent, items: await store.all, moved: moved))
    }

    func change(_ request: HTTPRequest, reject: Bool) async -> HTTPResponse {
        struct Body: Decodable { let keys: [String] }
        let data: Data
        do { data = try await policy.body(of: request) } catch { return Reply.error(error.status, error.description) }
        guard let body = try? JSONDecoder().decode(Body.self, from: data), body.keys.count <= 100_000 else {
            return Reply.error(400, "expected {\"keys\": [\"i0\", ...]}")
        }
        do {
            let moved = reject ? try await store.reject(keys: body.keys) : try await store.restore(keys: body.keys)
            return await items(moved: moved)
        } catch { return Reply.error(409, error.description) }
    }

    func picture(_ key: String, thumbnail: Bool) async -> HTTPResponse {
        guard let item = await store.item(key: key) else { return Reply.error(404, "no such picture") }
        let url: URL
        do { url = try ConfinedPath(root: store.folder).resolve(item.file) } catch {
            return Reply.error(403, "\(item.file): \(error.description)")
        }
        do {
            if thumbnail { return Reply.bytes(try await renderer.thumbnail(url), type: "image/png", cache: true) }
            let (data, type) = try await renderer.upright(url)
            return Reply.bytes(data, type: type)
        } catch { return Reply.error(422, error.description) }
    }
}
