import FlyingFox
import Foundation

extension AccessPolicy {
    /// Applies the policy to a FlyingFox request.
    func check(_ request: HTTPRequest, changesState: Bool) -> AccessDenial? {
        check(method: request.method.rawValue, hostHeader: request.headers[.host],
              queryToken: request.query.first { $0.name == "token" }?.value,
              headerToken: request.headers[HTTPHeader("X-Dman-Token")],
              contentLength: request.headers[.contentLength].flatMap { Int($0) }, changesState: changesState)
    }

    /// Reads the body, refusing more than ``maxBodyBytes`` even without a Content-Length.
    func body(of request: HTTPRequest) async throws(AccessDenial) -> Data {
        let data: Data
        do { data = try await request.bodyData } catch { throw .bodyTooLarge(-1) }
        guard data.count <= maxBodyBytes else { throw .bodyTooLarge(data.count) }
        return data
    }
}
