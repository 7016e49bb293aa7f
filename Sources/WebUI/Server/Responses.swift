import FlyingFox
import Foundation

/// Small constructors for the JSON, file and error answers the routes give.
enum Reply {
    static func json(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase(status)),
                            headers: [.contentType: "application/json", .cacheControl: "no-store"], body: data)
    }

    static func error(_ status: Int, _ message: String) -> HTTPResponse {
        struct Body: Encodable { let error: String }
        return json(Body(error: message), status: status)
    }

    static func bytes(_ data: Data, type: String, cache: Bool = false) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: cache ? "private, max-age=3600" : "no-store"],
                     body: data)
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 413: return "Payload Too Large"
        case 421: return "Misdirected Request"
        case 422: return "Unprocessable Content"
        default: return "Error"
        }
    }
}

/// The page, script and style files shipped in this module's `Assets` folder.
enum Assets {
    /// The `Assets` folder: in the resource bundle SwiftPM puts beside the binary, else in this
    /// source tree. Looked up without `Bundle.module`, which stops the process when the bundle is
    /// missing (a copied binary); here a missing file is a 404 naming it.
    static let folder: URL? = {
        let bundleName = "dman_WebUI.resources/Assets"
        var candidates = [Bundle.main.bundleURL.appendingPathComponent(bundleName)]
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent(bundleName)) }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Assets"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("label.html").path) }
    }()

    /// One of a fixed set of file names (the routes check them); never a path from a request.
    static func data(_ name: String) -> Data? {
        guard let folder else { return nil }
        return FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    }

    /// The HTML page with the session token put in, so its script and style links carry it.
    static func page(_ name: String, token: String) -> HTTPResponse {
        guard let d = data(name), let text = String(data: d, encoding: .utf8) else {
            return Reply.error(404, "\(name): page file not found (dman_WebUI.resources missing beside the dman binary)")
        }
        return Reply.bytes(Data(text.replacingOccurrences(of: "{{TOKEN}}", with: token).utf8), type: "text/html; charset=utf-8")
    }

    static func file(_ name: String) -> HTTPResponse {
        guard let d = data(name) else { return Reply.error(404, "no such asset") }
        let type = name.hasSuffix(".js") ? "text/javascript" : name.hasSuffix(".css") ? "text/css" : "text/plain"
        return Reply.bytes(d, type: type + "; charset=utf-8")
    }
}
