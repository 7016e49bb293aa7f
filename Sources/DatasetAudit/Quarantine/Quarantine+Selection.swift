import DmanCore
import Foundation

extension Quarantine {
    /// Moves the records with these ids (a person's choice, e.g. in `dman review`)
    /// into `quarantine/` through the same journal as `--dedupe`; returns the moved files.
    ///
    /// Needs a dataset folder (`dataset.json`). Ids that are not current
    /// records (already quarantined, unknown) are skipped. `dman audit
    /// --restore` and ``restore(ids:folder:)`` both undo it, and a later
    /// audit never sees these records again (they are no longer records).
    @discardableResult
    public static func quarantine(ids: [String], reason: String, folder: URL) throws(AuditError) -> [String] {
        try quarantine(ids: ids, reason: reason, folder: folder, stopAfter: nil)
    }

    /// ``quarantine(ids:reason:folder:)`` that can stop after `stopAfter` journal steps (crash tests).
    @discardableResult
    package static func quarantine(ids: [String], reason: String, folder: URL, stopAfter: Int?) throws(AuditError) -> [String] {
        try recover(folder: folder)
        let ds = DatasetFolder(folder)
        var doc: DatasetDocument
        do { doc = try ds.load() } catch { throw .unreadableDataset(path: ds.documentURL.path, reason: error.description) }
        let wanted = Set(ids)
        let chosen = doc.records.filter { wanted.contains($0.id) }.sorted { $0.file < $1.file }
        guard !chosen.isEmpty else { return [] }
        let fm = FileManager.default
        let qName = DatasetFolder.quarantineName
        var taken = Set((doc.quarantine ?? []).map(\.quarantinedFile))
        var moves: [QuarantineJournal.Move] = []
        var entries: [QuarantineEntry] = []
        for record in chosen {
            let dest = Quarantine.destination(for: record.file, folder: folder, taken: &taken)
            moves.append(.init(from: record.file, to: dest))
            entries.append(QuarantineEntry(record: record, quarantinedFile: dest, reason: reason))
        }
        let qURL = folder.appendingPathComponent(qName)
        let previous = QuarantineState.load(folder)
        let createdFolder = previous?.createdFolder ?? !(fm.fileExists(atPath: qURL.path)
            && !((try? fm.contentsOfDirectory(atPath: qURL.path))?.isEmpty ?? true))
        let state = QuarantineState(documentBefore: previous?.documentBefore ?? (try? Data(contentsOf: ds.documentURL)),
                                    createdFolder: createdFolder, entries: nil)
        let movedIDs = Set(entries.map(\.record.id))
        doc.records.removeAll { movedIDs.contains($0.id) }
        doc.quarantine = (doc.quarantine ?? []) + entries
        doc.order?.ids.removeAll { movedIDs.contains($0) }
        let journal = QuarantineJournal(operation: "quarantine", moves: moves, document: try encode(doc, folder: folder),
                                        state: state, removeFolder: false)
        try withLock(folder) { () throws(AuditError) in
            try journal.write(folder: folder)
            try journal.apply(folder: folder, stopAfter: stopAfter)
        }
        return moves.map(\.from)
    }

    /// Puts back only the quarantined records with these ids; returns the restored files.
    ///
    /// When the ids cover every quarantined record this is ``restore(folder:dryRun:)``,
    /// which gives back the original `dataset.json` bytes. Records come back
    /// without a place in a written training order (as with a full restore).
    @discardableResult
    public static func restore(ids: [String], folder: URL) throws(AuditError) -> [String] {
        try restore(ids: ids, folder: folder, stopAfter: nil)
    }

    /// ``restore(ids:folder:)`` that can stop after `stopAfter` journal steps (crash tests).
    @discardableResult
    package static func restore(ids: [String], folder: URL, stopAfter: Int?) throws(AuditError) -> [String] {
        try recover(folder: folder)
        let ds = DatasetFolder(folder)
        var doc: DatasetDocument
        do { doc = try ds.load() } catch { throw .unreadableDataset(path: ds.documentURL.path, reason: error.description) }
        let wanted = Set(ids)
        let all = doc.quarantine ?? []
        let back = all.filter { wanted.contains($0.record.id) }
        guard !back.isEmpty else { return [] }
        if back.count == all.count { return try restore(folder: folder, dryRun: false, stopAfter: stopAfter) }
        let fm = FileManager.default
        for e in back where fm.fileExists(atPath: folder.appendingPathComponent(e.record.file).path) {
            throw .move(path: e.record.file, reason: "a file is already there; move it aside first")
        }
        doc.records += back.map(\.record)
        doc.quarantine = all.filter { !wanted.contains($0.record.id) }
        let journal = QuarantineJournal(operation: "restore", moves: back.map { .init(from: $0.quarantinedFile, to: $0.record.file) },
                                        document: try encode(doc, folder: folder), state: QuarantineState.load(folder),
                                        removeFolder: false)
        try withLock(folder) { () throws(AuditError) in
            try journal.write(folder: folder)
            try journal.apply(folder: folder, stopAfter: stopAfter)
        }
        return back.map(\.record.file)
    }
}
