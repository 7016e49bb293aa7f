import FlyingFox
import FlyingSocks
import Foundation

/// Anything that answers the requests of one page (label or review).
public protocol PageRoutes: Sendable {
    func respond(to request: HTTPRequest) async -> HTTPResponse
}

/// A FlyingFox server bound to one address, answering with one set of routes.
public final class PageServer: Sendable {
    private let server: HTTPServer

    /// Binds `host` (127.0.0.1 unless the user chose otherwise) and `port` (0 = a free one).
    public init(host: String, port: UInt16, routes: some PageRoutes) throws {
        let address: any SocketAddress = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: port)
                                                             : try sockaddr_in.inet(ip4: host, port: port)
        server = HTTPServer(config: .init(address: address, logger: .disabled), handler: ClosureHTTPHandler { request in
            await routes.respond(to: request)
        })
    }

    /// Serves until ``stop()``.
    public func run() async throws { try await server.run() }

    /// The bound port, once listening.
    public func port() async throws -> UInt16 {
        try await server.waitUntilListening(timeout: 10)
        switch await server.listeningAddress {
        case .ip4(_, let p), .ip6(_, let p): return p
        default: return 0
        }
    }

    public func stop() async { await server.stop(timeout: 1) }
}
