import DmanCore
import FlyingFox
import Foundation

/// The label page's routes. Every request passes the ``AccessPolicy`` first;
/// pictures are named by catalog ids only.
///
///     GET  /                      the page        GET /assets/<file>  script, style
///     GET  /api/state             pictures, labels, crop settings, progress
///     GET  /api/boxes/<id>        boxes + revision of one picture
///     POST /api/boxes/<id>        {"revision": n, "boxes": [...]} → saves the manifest
///     GET  /api/plan/<id>?x&y&w&h&width&height   the crop `dman crop` would cut
///     GET  /img/<id>              the picture's upright pixels   GET /thumb/<id>  its thumbnail
public struct LabelRoutes: PageRoutes {
    public let policy: AccessPolicy
    public let catalog: PictureCatalog
    public let store: LabelStore
    public let settings: LabelSettings
    public let renderer: PictureRenderer

    public init(policy: AccessPolicy, catalog: PictureCatalog, store: LabelStore, settings: LabelSettings,
                renderer: PictureRenderer) {
        (self.policy, self.catalog, self.store, self.settings, self.renderer) = (policy, catalog, store, settings, renderer)
    }

    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let writes = parts.first == "api" && request.method != .GET && request.method != .HEAD
        if let denial = policy.check(request, changesState: writes) { return Reply.error(denial.status, denial.description) }
        switch (request.method, parts.first ?? "", parts.count) {
        case (.GET, "", 1): return Assets.page("label.html", token: policy.token)
        case (.GET, "assets", 2) where ["label.js", "label.css", "common.js"].contains(parts[1]): return Assets.file(parts[1])
        case (.GET, "img", 2): return await image(parts[1])
        case (.GET, "thumb", 2): return await thumbnail(parts[1])
        case (.GET, "api", 2) where parts[1] == "state": return await state()
        case (.GET, "api", 3) where parts[1] == "boxes": return await boxes(parts[2])
        case (.POST, "api", 3) where parts[1] == "boxes": return await save(parts[2], request)
        case (.GET, "api", 3) where parts[1] == "plan": return plan(parts[2], request)
        default: return Reply.error(404, "no such route")
        }
    }

    func image(_ id: String) async -> HTTPResponse {
        guard let p = catalog.picture(id: id) else { return Reply.error(404, "no such picture") }
        do {
            let (data, type) = try await renderer.upright(p.url)
            return Reply.bytes(data, type: type, cache: true)
        } catch { return Reply.error(422, error.description) }
    }

    func thumbnail(_ id: String) async -> HTTPResponse {
        guard let p = catalog.picture(id: id) else { return Reply.error(404, "no such picture") }
        do { return Reply.bytes(try await renderer.thumbnail(p.url), type: "image/png", cache: true) } catch {
            return Reply.error(422, error.description)
        }
    }

    func state() async -> HTTPResponse {
        struct Picture: Encodable { let id: String; let name: String; let annotated: Bool }
        struct State: Encodable { let pictures: [Picture]; let settings: LabelSettings; let manifest: String }
        let flags = await store.annotatedFlags
        let pics = catalog.pictures.enumerated().map { Picture(id: $1.id, name: $1.manifestName, annotated: flags[$0]) }
        return Reply.json(State(pictures: pics, settings: settings, manifest: store.manifestURL.lastPathComponent))
    }

    func boxes(_ id: String) async -> HTTPResponse {
        guard let i = index(id) else { return Reply.error(404, "no such picture") }
        let s = await store.state(of: i)
        return Reply.json(Saved(boxes: s.boxes, revision: s.revision))
    }

    func save(_ id: String, _ request: HTTPRequest) async -> HTTPResponse {
        guard let i = index(id) else { return Reply.error(404, "no such picture") }
        let data: Data
        do { data = try await policy.body(of: request) } catch { return Reply.error(error.status, error.description) }
        guard let body = try? JSONDecoder().decode(Saved.self, from: data) else {
            return Reply.error(400, "expected {\"revision\": n, \"boxes\": [{\"x\",\"y\",\"w\",\"h\",\"label\"}]}")
        }
        do {
            let rev = try await store.save(index: i, boxes: body.boxes, baseRevision: body.revision)
            return Reply.json(Saved(boxes: body.boxes, revision: rev))
        } catch {
            switch error {
            case .staleRevision, .manifestChangedOnDisk: return Reply.error(409, error.description)
            case .badRequest: return Reply.error(400, error.description)
            default: return Reply.error(500, error.description)
            }
        }
    }

    func plan(_ id: String, _ request: HTTPRequest) -> HTTPResponse {
        guard index(id) != nil else { return Reply.error(404, "no such picture") }
        func number(_ n: String) -> Double? { request.query.first { $0.name == n }.flatMap { Double($0.value) } }
        guard let x = number("x"), let y = number("y"), let w = number("w"), let h = number("h"),
              let W = number("width"), let H = number("height"), W >= 1, H >= 1, W < 1e6, H < 1e6 else {
            return Reply.error(400, "plan needs x, y, w, h, width, height")
        }
        let box = LabelBox(x: x, y: y, w: w, h: h)
        guard box.isValid else { return Reply.error(400, "box needs finite numbers and positive size") }
        return Reply.json(CropPreview(box: box, width: Int(W), height: Int(H), settings: settings))
    }

    func index(_ id: String) -> Int? {
        guard let p = catalog.picture(id: id) else { return nil }
        return Int(p.id.dropFirst())
    }
}

/// The body of a box save and of its answer.
package struct Saved: Codable {
    package let boxes: [LabelBox]
    package let revision: Int
    package init(boxes: [LabelBox], revision: Int) { (self.boxes, self.revision) = (boxes, revision) }
}
