import Foundation

/// Resolves paths named in a manifest against a root folder and refuses
/// those that escape it (`../`, absolute paths, symbolic links pointing out).
public struct ConfinedPath: Sendable {
    /// Why a path was refused.
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case absolute(String)
        case escapes(String)
        case symlinkEscapes(String, target: String)
        case empty

        public var description: String {
            switch self {
            case .absolute(let p): return "absolute path \(p) is outside the dataset root"
            case .escapes(let p): return "path \(p) escapes the dataset root"
            case .symlinkEscapes(let p, let t): return "\(p) is a symbolic link to \(t), outside the dataset root"
            case .empty: return "empty path"
            }
        }
    }

    /// The folder paths are confined to (resolved, no symlinks).
    public let root: URL
    /// When true, every path is accepted as is.
    public let allowOutside: Bool

    public init(root: URL, allowOutside: Bool = false) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
        self.allowOutside = allowOutside
    }

    /// Resolves `path` (relative to the root unless absolute).
    public func resolve(_ path: String) throws(Refusal) -> URL {
        guard !path.isEmpty else { throw .empty }
        let isAbsolute = path.hasPrefix("/")
        if isAbsolute && !allowOutside && !Self.isInside(URL(fileURLWithPath: path).standardizedFileURL.path, root: root.path) {
            throw .absolute(path)
        }
        let url = isAbsolute ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        let lexical = url.standardizedFileURL
        if allowOutside { return lexical }
        guard Self.isInside(lexical.path, root: root.path) else { throw .escapes(path) }
        let real = lexical.resolvingSymlinksInPath()
        guard Self.isInside(real.path, root: root.path) else { throw .symlinkEscapes(path, target: real.path) }
        return lexical
    }

    static func isInside(_ path: String, root: String) -> Bool {
        let r = root.hasSuffix("/") ? root : root + "/"
        return path == root || path.hasPrefix(r)
    }
}
