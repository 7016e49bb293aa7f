import DmanCore
import Foundation

/// Gathers results from the workers (any thread), reports progress, and
/// saves `dataset.json` every few seconds so an interrupted run resumes
/// without redoing finished sources.
final class RunCollector: @unchecked Sendable {
    struct Final {
        var records: [DatasetRecord]
        var written: Int
        var resumed: Int
        var failures: [String]
        var firstError: AugmentError?
        var tiles: [Int: [ContactSheet.Tile]]
        /// Sources processed (failed ones included); fewer than the input when the run stopped.
        var processed: Int
        /// Why the run stopped before every source, when the disk filled up.
        var outOfSpace: FileError?
        /// Every output id planned for the processed sources.
        var planned: Set<String>
        var keptInQuarantine: Int
        /// What a guarded run (a later stage decided on the folder) would change.
        var changes: StageDecisions.Changes
    }

    let existing: [String: DatasetRecord]
    private let folder: DatasetFolder?
    private let progress: ProgressHandler?
    private let total: Int
    private let lock = NSLock()
    private var records: [String: DatasetRecord] = [:]
    private var completed = 0
    private var written = 0
    private var resumed = 0
    private var failures: [(Int, String)] = []
    private var firstError: (Int, AugmentError)?
    private var tiles: [Int: [ContactSheet.Tile]] = [:]
    private var lastSave = Date()
    private var _stopped = false
    private var processed = 0
    private var outOfSpace: FileError?
    private var planned = Set<String>()
    private var keptInQuarantine = 0
    private var changes = StageDecisions.Changes()

    init(folder: DatasetFolder?, existing: [String: DatasetRecord], progress: ProgressHandler?, total: Int) {
        self.folder = folder
        self.existing = existing
        self.progress = progress
        self.total = total
    }

    /// Set by the first failure with `--strict`, and by a full disk in any case.
    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return _stopped }

    func add(_ result: SourceResult, index: Int, outputs: Int, stopOnFailure: Bool) {
        lock.lock()
        for r in result.records { records[r.id] = r }
        written += result.written
        resumed += result.resumed
        completed += outputs
        if !result.tiles.isEmpty { tiles[index] = result.tiles }
        processed += 1
        planned.formUnion(result.planned)
        keptInQuarantine += result.keptInQuarantine
        changes.added += result.changes.added
        changes.changed += result.changes.changed
        if changes.example == nil || (result.changes.example.map { $0 < changes.example! } ?? false) {
            changes.example = result.changes.example ?? changes.example
        }
        if let e = result.error {
            failures.append((index, e.description))
            if firstError == nil || firstError!.0 > index { firstError = (index, e) }
            if stopOnFailure { _stopped = true }
            if case .write(let f) = e, f.isOutOfSpace {
                _stopped = true
                if outOfSpace == nil { outOfSpace = f }
            }
        }
        let done = completed
        var snapshot: [DatasetRecord]?
        if folder != nil && Date().timeIntervalSince(lastSave) > 5 {
            lastSave = Date()
            var merged = existing
            for (k, v) in records { merged[k] = v }
            snapshot = Array(merged.values)
        }
        lock.unlock()
        // With --strict the run throws this error instead; reporting it here too would print it twice.
        for w in result.warnings { progress?(.warning(ItemWarning(w))) }
        if let e = result.error, !stopOnFailure { progress?(.itemFailed(ItemFailure(e))) }
        if total > 0 { progress?(.advanced(completed: min(done, total), total: total)) }
        if let snapshot, let folder { try? folder.save(DatasetDocument(stage: "augment", records: snapshot)) }
    }

    func finish() -> Final {
        lock.lock(); defer { lock.unlock() }
        return Final(records: Array(records.values), written: written, resumed: resumed,
                     failures: failures.sorted { $0.0 < $1.0 }.map(\.1), firstError: firstError?.1, tiles: tiles,
                     processed: processed, outOfSpace: outOfSpace, planned: planned,
                     keptInQuarantine: keptInQuarantine, changes: changes)
    }
}
