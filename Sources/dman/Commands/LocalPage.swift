import Foundation
import WebUI

/// What `dman label` and `dman review` share: a fresh token, the server on
/// loopback (or `--host`), the banner with the page's URL, and one error rule.
struct LocalPage {
    /// `--host`: nil binds 127.0.0.1.
    var host: String?
    /// `--port`: 0 picks a free one.
    var port: UInt16
    let console = Console(json: false, quiet: false)

    /// The address as it goes into a URL (`[::1]` for IPv6).
    var shownHost: String { host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "127.0.0.1" }

    /// Builds the routes for a new token, serves them until Ctrl-C, and says
    /// `banner` (given the page's URL) once the port is known.
    func serve(routes: (AccessPolicy) -> some PageRoutes, banner: @escaping @Sendable (String) -> [String]) throws {
        let policy = AccessPolicy(token: AccessPolicy.randomToken(), extraHost: host)
        let server = try PageServer(host: host ?? "127.0.0.1", port: port, routes: routes(policy))
        let shown = shownHost, console = console
        try server.serveUntilInterrupted { port in
            // Console writes unbuffered, so a script reading a pipe sees the URL at once.
            for line in banner("http://\(shown):\(port)/?token=\(policy.token)") { console.say(line) }
        }
    }

    /// Runs `body`, turning any error into one line naming `place` and exit 1.
    func run(place: URL, _ body: () throws -> Void) throws {
        do { try body() } catch { throw console.fail(error, context: place.path) }
    }
}
