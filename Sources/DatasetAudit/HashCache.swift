import Foundation
import DmanCore

/// Measures cached beside the audited folder, in
/// `PARENT/.NAME.dman-audit-cache.json` (outside the folder, so auditing
/// never changes it). An entry is used only when the file's bytes still have
/// the same ``ContentDigest``; a cache that cannot be read is ignored and one
/// that cannot be written only costs time.
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

    /// Where the cache for `folder` lives.
    public static func url(for folder: URL) -> URL {
        let f = folder.standardizedFileURL
        return f.deletingLastPathComponent().appendingPathComponent(".\(f.lastPathComponent).dman-audit-cache.json")
    }

    let url: URL
    var entries: [String: Entry]

    /// Loads the cache of `folder` (empty when missing or unreadable).
    init(folder: URL) {
        url = Self.url(for: folder)
        if let data = try? Data(contentsOf: url), let doc = try? JSONDecoder().decode(Document.self, from: data),
           doc.format == "dman-audit-cache", doc.version == 1 {
            entries = doc.entries
        } else {
            entries = [:]
        }
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
            try AtomicFile.write(data, to: url)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
