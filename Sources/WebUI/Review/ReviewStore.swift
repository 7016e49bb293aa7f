import DatasetAudit
import DmanCore
import Foundation

/// The pictures of one dataset folder as the review page sees them: every
/// record and every quarantined entry, grouped by family, with the audit's
/// findings. Rejecting and restoring go through ``Quarantine``'s journal
/// (the one `dman audit --dedupe` and `--restore` use), so every answer is
/// already on disk and a killed server loses nothing.
///
/// Pictures are named by keys (`i0`, `i1`, …) indexing the list of record
/// ids made when the store opened; a request's text is only ever looked up.
public actor ReviewStore {
    /// One picture, current or quarantined.
    public struct Item: Sendable, Codable, Equatable {
        public let key: String
        public let id: String
        public let family: String
        /// Where the file is now (under `quarantine/` when rejected).
        public let file: String
        public let width: Int
        public let height: Int
        public let rejected: Bool
        /// Why it is in quarantine (a review rejection or a dedupe).
        public let reason: String?
        /// Applied transforms' names, in order (an original has none).
        public let transforms: [String]
        /// Audit issues found for this picture (duplicates as `exact_duplicates`/`near_duplicates`).
        public let issues: [String]
    }

    public let folder: URL
    /// How many pictures (records and quarantined) the folder had when opened.
    public nonisolated let count: Int
    /// What a review rejection records as the reason.
    public static let rejectionReason = "rejected in dman review"
    private let findings: [String: [String]]
    private var ids: [String] = []
    private var keyOfID: [String: Int] = [:]
    private var items: [Item] = []
    private var byKey: [String: Item] = [:]

    /// Opens `folder` (it must hold `dataset.json`); `audit` is a `dman audit --json` report to show findings from.
    public init(folder: URL, audit: AuditReport? = nil) throws(WebUIError) {
        self.folder = folder.standardizedFileURL
        var byFile: [String: Set<String>] = [:]
        if let audit {
            for (issue, list) in audit.findings { for f in list { byFile[f.file, default: []].insert(issue) } }
            for g in audit.exactDuplicates { for f in g { byFile[f, default: []].insert("exact_duplicates") } }
            for g in audit.nearDuplicates { for f in g { byFile[f, default: []].insert("near_duplicates") } }
        }
        findings = byFile.mapValues { $0.sorted() }
        // A dedupe, restore or review change killed half way is finished first, as `dman audit` would.
        do { try Quarantine.recover(folder: self.folder) } catch {
            throw .writeFailed(path: self.folder.path, reason: error.description)
        }
        let doc = try Self.load(self.folder)
        ids = (doc.records.map(\.id) + (doc.quarantine ?? []).map(\.record.id)).sorted()
        count = ids.count
        keyOfID = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        items = Self.items(doc, keys: keyOfID, findings: findings)
        byKey = Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every picture, families together (family id order), originals first within a family.
    public var all: [Item] { items }

    /// The record ids behind these keys (unknown keys are dropped).
    public func ids(forKeys keys: [String]) -> [String] {
        keys.compactMap { k in
            guard k.hasPrefix("i"), let n = Int(k.dropFirst()), String(n) == k.dropFirst(), ids.indices.contains(n) else { return nil }
            return ids[n]
        }
    }

    /// The item behind a key.
    public func item(key: String) -> Item? { byKey[key] }

    /// Moves these pictures to `quarantine/`; returns the files moved.
    public func reject(keys: [String]) throws(WebUIError) -> [String] {
        try change { () throws(AuditError) in
            try Quarantine.quarantine(ids: ids(forKeys: keys), reason: Self.rejectionReason, folder: folder)
        }
    }

    /// Puts these pictures back from `quarantine/`; returns the files restored.
    public func restore(keys: [String]) throws(WebUIError) -> [String] {
        try change { () throws(AuditError) in try Quarantine.restore(ids: ids(forKeys: keys), folder: folder) }
    }

    private func change(_ body: () throws(AuditError) -> [String]) throws(WebUIError) -> [String] {
        let files: [String]
        do { files = try body() } catch { throw .writeFailed(path: folder.path, reason: error.description) }
        // Re-read what is on disk, so the page always shows the folder's truth.
        items = Self.items(try Self.load(folder), keys: keyOfID, findings: findings)
        byKey = Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return files
    }

    static func load(_ folder: URL) throws(WebUIError) -> DatasetDocument {
        let ds = DatasetFolder(folder)
        guard ds.hasDocument else {
            throw .manifestUnreadable(path: ds.documentURL.path, detail: "no dataset.json: review needs a dman dataset folder")
        }
        do { return try ds.load() } catch { throw .manifestUnreadable(path: ds.documentURL.path, detail: error.description) }
    }

    static func items(_ doc: DatasetDocument, keys: [String: Int], findings: [String: [String]]) -> [Item] {
        func item(_ r: DatasetRecord, file: String, reason: String?) -> Item? {
            guard let k = keys[r.id] else { return nil }
            return Item(key: "i\(k)", id: r.id, family: r.family, file: file, width: r.width, height: r.height,
                        rejected: reason != nil, reason: reason, transforms: r.provenance.transforms.map(\.name),
                        issues: findings[r.file] ?? [])
        }
        let current = doc.records.compactMap { item($0, file: $0.file, reason: nil) }
        let quarantined = (doc.quarantine ?? []).compactMap { item($0.record, file: $0.quarantinedFile, reason: $0.reason) }
        return (current + quarantined).sorted {
            ($0.family, $0.transforms.isEmpty ? 0 : 1, $0.id) < ($1.family, $1.transforms.isEmpty ? 0 : 1, $1.id)
        }
    }
}
