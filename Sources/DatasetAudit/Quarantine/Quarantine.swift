import Foundation
import DmanCore

/// Moves duplicate families out of a dataset into `DATASET/quarantine/`,
/// and back. Nothing is ever deleted; every change goes through a
/// ``QuarantineJournal``, so a killed run is completed by the next one.
///
/// Which family stays (documented rule): in each group of families joined by
/// duplicate links, the family with the largest source picture
/// (`provenance.sourceWidth × sourceHeight`; the image size in a plain
/// folder), then the least padding (`provenance.padFraction`), then the
/// smallest family id. Every other family moves with all its images
/// (augmentations included).
public enum Quarantine {
    /// Completes an interrupted dedupe or restore; returns whether there was one.
    @discardableResult
    public static func recover(folder: URL) throws(AuditError) -> Bool {
        try recover(folder: folder, stopAfter: nil)
    }

    /// ``recover(folder:)`` that can itself stop after `stopAfter` journal steps (crash tests).
    @discardableResult
    package static func recover(folder: URL, stopAfter: Int?) throws(AuditError) -> Bool {
        let url = QuarantineJournal.url(folder)
        guard FileManager.default.fileExists(atPath: url.path) else { return false }
        let journal: QuarantineJournal
        do { journal = try JSONDecoder().decode(QuarantineJournal.self, from: Data(contentsOf: url)) } catch {
            throw .journal(path: url.path, detail: "unreadable (\(error)); nothing was moved after it was written")
        }
        try withLock(folder) { () throws(AuditError) in try journal.apply(folder: folder, stopAfter: stopAfter) }
        return true
    }

    /// Plans (and unless `dryRun`, performs) the dedupe of an audit result.
    public static func dedupe(result: Auditor.Result, folder: URL, dryRun: Bool) throws(AuditError) -> QuarantinePlan {
        try dedupe(result: result, folder: folder, dryRun: dryRun, stopAfter: nil)
    }

    /// ``dedupe(result:folder:dryRun:)`` that can stop after `stopAfter` journal
    /// steps as if killed there (for crash tests).
    package static func dedupe(result: Auditor.Result, folder: URL, dryRun: Bool,
                               stopAfter: Int?) throws(AuditError) -> QuarantinePlan {
        let items = result.items
        var familiesOfCluster: [String: Set<String>] = [:]
        for (k, item) in items.enumerated() { familiesOfCluster[result.duplicates.cluster[k], default: []].insert(item.family) }
        let exactItems = Set(result.duplicates.exactGroups.flatMap { $0 })
        var groups: [QuarantinePlan.Group] = []
        var movedFamilies: [String: (kept: String, exact: Bool)] = [:]
        let ranking = Self.ranking(items)
        for (_, fams) in familiesOfCluster.sorted(by: { $0.key < $1.key }) where fams.count > 1 {
            let ranked = ranking(Array(fams))
            let kept = ranked[0]
            groups.append(.init(kept: kept, moved: Array(ranked.dropFirst())))
            for f in ranked.dropFirst() {
                let exact = items.indices.contains { items[$0].family == f && exactItems.contains($0) }
                movedFamilies[f] = (kept, exact)
            }
        }
        let fm = FileManager.default
        let qName = DatasetFolder.quarantineName
        var taken = Set<String>()
        var moves: [QuarantineJournal.Move] = []
        var entries: [QuarantineEntry] = []
        let rule = result.report.rule
        // The verified pair behind each moved family, for its reason.
        var pairOf: [String: NearPair] = [:]
        for p in result.duplicates.nearPairs {
            pairOf["\(items[p.a].family)\u{0}\(items[p.b].family)"] = p
            pairOf["\(items[p.b].family)\u{0}\(items[p.a].family)"] = p
        }
        func nearText(_ family: String, _ kept: String) -> String {
            guard let p = pairOf["\(family)\u{0}\(kept)"] else { return "near duplicate (\(rule.summary))" }
            let score = p.score.map { "score \(String(format: "%.3f", $0)) ≥ \(rule.verification ?? 0), " } ?? ""
            return "near duplicate (\(score)\(rule.hash.rawValue) distance \(p.distance) ≤ \(rule.threshold))"
        }
        for item in items.sorted(by: { $0.file < $1.file }) {
            guard let (kept, exact) = movedFamilies[item.family] else { continue }
            let dest = Self.destination(for: item.file, folder: folder, taken: &taken)
            moves.append(.init(from: item.file, to: dest))
            let keptID = items.filter { $0.family == kept }.map(\.id).min()
            let record = item.record ?? DatasetRecord(id: item.id, file: item.file, sha256: "", width: item.measures?.width ?? 0,
                                                      height: item.measures?.height ?? 0, family: item.family,
                                                      provenance: Provenance(source: item.file))
            entries.append(QuarantineEntry(record: record, quarantinedFile: dest,
                                           reason: "\(exact ? "exact duplicate" : nearText(item.family, kept)) of family \(kept), kept instead",
                                           keptInstead: keptID))
        }
        let plan = QuarantinePlan(dryRun: dryRun, groups: groups, files: moves.map(\.from))
        guard !dryRun, !moves.isEmpty else { return plan }
        let qURL = folder.appendingPathComponent(qName)
        let previous = QuarantineState.load(folder)
        let createdFolder = previous?.createdFolder ?? !(fm.fileExists(atPath: qURL.path)
            && !((try? fm.contentsOfDirectory(atPath: qURL.path))?.isEmpty ?? true))
        var state = QuarantineState(documentBefore: previous?.documentBefore, createdFolder: createdFolder, entries: nil)
        var documentBytes: Data?
        if var doc = result.document {
            if state.documentBefore == nil { state.documentBefore = try? Data(contentsOf: DatasetFolder(folder).documentURL) }
            let movedIDs = Set(entries.map(\.record.id))
            doc.records.removeAll { movedIDs.contains($0.id) }
            doc.quarantine = (doc.quarantine ?? []) + entries
            doc.order?.ids.removeAll { movedIDs.contains($0) }
            documentBytes = try encode(doc, folder: folder)
        } else {
            state.entries = (previous?.entries ?? []) + entries
        }
        let journal = QuarantineJournal(operation: "dedupe", moves: moves, document: documentBytes, state: state, removeFolder: false)
        try withLock(folder) { () throws(AuditError) in
            try journal.write(folder: folder)
            try journal.apply(folder: folder, stopAfter: stopAfter)
        }
        return plan
    }

    /// Puts every quarantined image back; returns the restored files.
    public static func restore(folder: URL, dryRun: Bool = false) throws(AuditError) -> [String] {
        try restore(folder: folder, dryRun: dryRun, stopAfter: nil)
    }

    /// ``restore(folder:dryRun:)`` that can stop after `stopAfter` journal steps (crash tests).
    package static func restore(folder: URL, dryRun: Bool, stopAfter: Int?) throws(AuditError) -> [String] {
        try recover(folder: folder)
        let ds = DatasetFolder(folder)
        let state = QuarantineState.load(folder)
        var doc: DatasetDocument?
        if ds.hasDocument { do { doc = try ds.load() } catch { throw .unreadableDataset(path: ds.documentURL.path, reason: error.description) } }
        let entries = (doc?.quarantine ?? []) + (doc == nil ? state?.entries ?? [] : [])
        let moves = entries.map { QuarantineJournal.Move(from: $0.quarantinedFile, to: $0.record.file) }
        guard !dryRun, !entries.isEmpty || state != nil else { return moves.map(\.to) }
        var bytes: Data?
        if var d = doc {
            d.records += entries.map(\.record)
            d.quarantine = nil
            bytes = try encode(d, folder: folder)
            if let before = state?.documentBefore, var original = try? DatasetFolder.decode(before, path: "") {
                // The first dedupe's bytes come back when the document is the same
                // (its order then only lost the quarantined ids).
                var now = d
                let originalOrder = original.order, nowOrder = now.order
                original.order = nil; now.order = nil
                original.records.sort { $0.id < $1.id }; now.records.sort { $0.id < $1.id }
                let keep = Set(nowOrder?.ids ?? [])
                let sameOrder: Bool
                if let o = originalOrder, let n = nowOrder {
                    sameOrder = o.batch == n.batch && o.seed == n.seed && o.cap == n.cap && o.ids.filter(keep.contains) == n.ids
                } else {
                    sameOrder = originalOrder == nil && nowOrder == nil
                }
                if original == now && sameOrder { bytes = before }
            }
        }
        let journal = QuarantineJournal(operation: "restore", moves: moves, document: bytes, state: nil,
                                        removeFolder: state?.createdFolder ?? false)
        try withLock(folder) { () throws(AuditError) in
            try journal.write(folder: folder)
            try journal.apply(folder: folder, stopAfter: stopAfter)
        }
        return moves.map(\.to)
    }

    /// The free path in `quarantine/` for `file` (its own relative path, or
    /// `stem.N.ext` when that is taken on disk or by this plan), added to `taken`.
    static func destination(for file: String, folder: URL, taken: inout Set<String>) -> String {
        let qName = DatasetFolder.quarantineName
        var dest = qName + "/" + file
        var n = 1
        while taken.contains(dest) || FileManager.default.fileExists(atPath: folder.appendingPathComponent(dest).path) {
            let ext = (file as NSString).pathExtension, stem = (file as NSString).deletingPathExtension
            dest = qName + "/" + stem + ".\(n)" + (ext.isEmpty ? "" : "." + ext)
            n += 1
        }
        taken.insert(dest)
        return dest
    }

    /// Orders family names best first (the rule above: source area, then padding, then id),
    /// each family's key computed once.
    static func ranking(_ items: [AuditItem]) -> @Sendable ([String]) -> [String] {
        var area: [String: Int] = [:], pad: [String: Double] = [:]
        for item in items {
            let p = item.record?.provenance
            var a = area[item.family] ?? 0
            if let w = p?.sourceWidth, let h = p?.sourceHeight { a = max(a, w * h) }
            else if let m = item.measures { a = max(a, m.width * m.height) }
            area[item.family] = a
            pad[item.family] = max(pad[item.family] ?? 0, p?.padFraction ?? 0)
        }
        let a = area, d = pad
        return { families in families.sorted { x, y in (-(a[x] ?? 0), d[x] ?? 0, x) < (-(a[y] ?? 0), d[y] ?? 0, y) } }
    }

    static func encode(_ document: DatasetDocument, folder: URL) throws(AuditError) -> Data {
        var doc = document
        doc.records.sort { $0.id < $1.id }
        do { return try DatasetFolder.encoder.encode(doc) + Data("\n".utf8) } catch {
            throw .write(path: DatasetFolder(folder).documentURL.path, reason: "cannot encode: \(error)")
        }
    }

    /// Runs `body` holding the folder lock; removes the lock file afterwards
    /// when it did not exist before (so the folder's bytes stay as they were).
    static func withLock(_ folder: URL, _ body: () throws(AuditError) -> Void) throws(AuditError) {
        let lockPath = folder.appendingPathComponent(".dman.lock").path
        let existed = FileManager.default.fileExists(atPath: lockPath)
        let lock: FolderLock
        do { lock = try FolderLock(folder: folder) } catch {
            // The lock's own line already names the folder and the other process.
            if case .locked = error { throw .invalidRequest(error.description) }
            throw .write(path: folder.path, reason: error.description)
        }
        defer {
            if !existed { unlink(lockPath) }
            withExtendedLifetime(lock) {}
        }
        removeOwnLeftovers(folder)
        try body()
    }

    /// Removes the temporaries of the files the journal writes (`dataset.json`,
    /// the journal, the state file) that a killed run left; only under the
    /// lock, so no other dman process is writing them. Other temporaries stay.
    static func removeOwnLeftovers(_ folder: URL) {
        let places = [(folder, [DatasetFolder(folder).documentURL.lastPathComponent, QuarantineJournal.fileName]),
                      (QuarantineState.url(folder).deletingLastPathComponent(), [QuarantineState.url(folder).lastPathComponent])]
        for (dir, names) in places {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            where entry.hasSuffix(".tmp") && names.contains(where: { entry.hasPrefix(".\($0).") }) {
                unlink(dir.appendingPathComponent(entry).path)
            }
        }
    }
}
