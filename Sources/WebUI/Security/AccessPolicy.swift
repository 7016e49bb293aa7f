import Foundation

/// Why a request to a dman page server was refused, with its HTTP status.
public enum AccessDenial: Error, Sendable, Equatable, CustomStringConvertible {
    /// The token was missing or wrong (403).
    case badToken
    /// The Host header named a host other than the one served (421): DNS rebinding.
    case foreignHost(String)
    /// A state change was not a POST carrying the token header (405).
    case methodNotAllowed(String)
    /// The declared or read body was larger than the cap (413).
    case bodyTooLarge(Int)

    /// The HTTP status code this denial is answered with.
    public var status: Int {
        switch self {
        case .badToken: return 403
        case .foreignHost: return 421
        case .methodNotAllowed: return 405
        case .bodyTooLarge: return 413
        }
    }

    public var description: String {
        switch self {
        case .badToken: return "missing or wrong token"
        case .foreignHost(let h): return "Host \"\(h)\" is not served here"
        case .methodNotAllowed(let m): return "\(m) cannot change state; use POST with the X-Dman-Token header"
        case .bodyTooLarge(let n): return "request body of \(n) bytes is over the cap"
        }
    }
}

/// The rules every request must pass before a route sees it.
///
/// - the token (random, in the printed URL) is required, from the `token`
///   query item or the `X-Dman-Token` header, compared in constant time;
/// - the Host header's name must be a loopback name or the `--host` given;
/// - requests that change state must be POST and carry the header token
///   (a custom header forces a CORS preflight, which is never answered);
/// - bodies are capped at ``maxBodyBytes``.
public struct AccessPolicy: Sendable {
    public let token: String
    public let allowedHostNames: Set<String>
    public let maxBodyBytes: Int

    public init(token: String, extraHost: String? = nil, maxBodyBytes: Int = 1 << 20) {
        self.token = token
        var names: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
        if let h = extraHost?.lowercased(), !h.isEmpty { names.insert(h.contains(":") && !h.hasPrefix("[") ? "[\(h)]" : h) }
        self.allowedHostNames = names
        self.maxBodyBytes = maxBodyBytes
    }

    /// Checks one request; `changesState` says whether its route writes.
    public func check(method: String, hostHeader: String?, queryToken: String?, headerToken: String?,
                      contentLength: Int?, changesState: Bool) -> AccessDenial? {
        let host = Self.hostName(hostHeader ?? "")
        guard allowedHostNames.contains(host) else { return .foreignHost(hostHeader ?? "") }
        if changesState {
            guard method == "POST" else { return .methodNotAllowed(method) }
            guard let t = headerToken, Self.equal(t, token) else { return .badToken }
        } else {
            guard method == "GET" || method == "HEAD" else { return .methodNotAllowed(method) }
            guard let t = headerToken ?? queryToken, Self.equal(t, token) else { return .badToken }
        }
        if let n = contentLength, n > maxBodyBytes { return .bodyTooLarge(n) }
        return nil
    }

    /// The name part of a Host header value (`[::1]:80` → `[::1]`), lower case.
    package static func hostName(_ header: String) -> String {
        let h = header.trimmingCharacters(in: .whitespaces).lowercased()
        if h.hasPrefix("["), let end = h.firstIndex(of: "]") { return String(h[...end]) }
        if let colon = h.lastIndex(of: ":") { return String(h[..<colon]) }
        return h
    }

    /// Constant-time comparison, so the token cannot be guessed byte by byte.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// A fresh 128-bit random token, hex encoded.
    public static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}
