import Foundation
import DmanCore

/// Measures cached inside the audited folder, in `FOLDER/.dman-audit-cache.json`
/// (a hidden file, like the quarantine journal and the lock, so no image
/// listing sees it), or under `XDG_CACHE_HOME/dman/audit/` (default
/// `~/.cache`) when the folder cannot be written. Never beside the folder.
/// An entry is used only when the file's bytes still have the same
/// ``ContentDigest``; a cache that cannot be read is ignored and one that
/// cannot be written only costs time.
public struct HashCache: Sendable {
    struct Entry: Codable, Sendable {
        var digest: String
        var measures: ImageMeasures
    }

    struct Document: Codable {
        var format = "dman-audit-cache"
        var version = 1
        var entries: [String: Entry]
    }

    static let baseName = ".dman-audit-cache"

    /// The folder the cache files of `folder` live in: `folder` itself when
    /// it is writable, else a per-folder directory under the XDG cache home.
    /// `writable` overrides the check (tests run as root, who can write anywhere).
    public static func directory(for folder: URL, writable: Bool? = nil,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let f = folder.standardizedFileURL
        if writable ?? FileManager.default.isWritableFile(atPath: f.path) { return f }
        let home = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        // One directory per audited folder, named by a digest of its absolute path.
        let key = ContentDigest.hex(Array(f.path.utf8))
        return home.appendingPathComponent("dman/audit/\(key)")
    }

    /// Where the cache for `folder` lives.
    public static func url(for folder: URL) -> URL {
        directory(for: folder).appendingPathComponent("\(baseName).json")
    }

    /// Where a `--shard I/N` run of `folder` writes its measures.
    public static func url(for folder: URL, shard: Shard) -> URL {
        guard shard.count > 1 else { return url(for: folder) }
        return directory(for: folder).appendingPathComponent("\(baseName).shard-\(shard.index)-of-\(shard.count).json")
    }

    let url: URL
    var entries: [String: Entry]

    /// Loads the cache of `folder` (empty when missing or unreadable), plus
    /// the measures of any `--shard` runs beside it, so a job array's hashing
    /// is picked up by the next whole audit. Entries are still checked against
    /// each file's content digest before use.
    init(folder: URL, shard: Shard = .all) {
        url = Self.url(for: folder, shard: shard)
        entries = Self.read(url)
        guard shard.count == 1 else { return }   // a shard keeps only its own measures
        let dir = url.deletingLastPathComponent()
        let prefix = "\(Self.baseName).shard-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        for name in names.sorted() where name.hasPrefix(prefix) && name.hasSuffix(".json") {
            for (file, entry) in Self.read(dir.appendingPathComponent(name)) where entries[file] == nil {
                entries[file] = entry
            }
        }
    }

    static func read(_ url: URL) -> [String: Entry] {
        if let data = try? Data(contentsOf: url), let doc = try? JSONDecoder().decode(Document.self, from: data),
           doc.format == "dman-audit-cache", doc.version == 1 {
            return doc.entries
        }
        return [:]
    }

    /// The cached measures of `file` if its bytes are unchanged and they hold what is needed.
    func lookup(_ file: String, digest: String, kinds: [PerceptualHash.Kind], quality: Bool) -> ImageMeasures? {
        guard let e = entries[file], e.digest == digest else { return nil }
        guard kinds.allSatisfy({ e.measures.hashes[$0.rawValue] != nil }) else { return nil }
        if quality && e.measures.entropy == nil { return nil }
        return e.measures
    }

    /// Writes the cache atomically; returns the error text on failure.
    func save() -> String? {
        do {
            let data = try DatasetFolder.encoder.encode(Document(entries: entries))
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(data, to: url)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
