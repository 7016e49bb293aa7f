import DmanCore
import Foundation

/// The output dataset folder of a crop run: locked while in use, leftover
/// temporary files removed, earlier records loaded for resuming, and
/// `dataset.json` saved atomically as crops finish.
final class CropOutputFolder: @unchecked Sendable {
    let folder: DatasetFolder
    let previous: [String: DatasetRecord]
    /// What later stages decided on the folder; when any, the run only verifies.
    let decisions: StageDecisions
    private let lock: FolderLock
    private let mutex = NSLock()
    private var records: [String: DatasetRecord] = [:]
    private var unsaved = 0

    static func reason(_ error: DatasetError) -> String {
        switch error {
        case .write(let e): return e.reason
        case .locked(let p, _): return String(error.description.dropFirst(p.count + 2))
        case .laterDecisions(_, let detail): return detail
        default: return error.description
        }
    }

    init(_ url: URL, force: Bool = false) throws(CropError) {
        folder = DatasetFolder(url)
        if force {
            do { _ = try folder.moveAside() } catch { throw .output(path: url.path, reason: Self.reason(error)) }
        }
        // DatasetError's description already names the path: keep it once.
        do { try folder.create() } catch { throw .output(path: url.path, reason: Self.reason(error)) }
        do { lock = try FolderLock(folder: folder.url) } catch { throw .output(path: url.path, reason: Self.reason(error)) }
        AtomicFile.removeLeftovers(in: folder.url)
        if folder.hasDocument {
            let doc: DatasetDocument
            do { doc = try folder.load() } catch {
                throw .outputNotCropDataset(path: folder.documentURL.path, reason: "\(error); not overwriting it")
            }
            guard doc.stage == "crop" else {
                throw .outputNotCropDataset(path: folder.url.path, reason: "holds a \"\(doc.stage)\" dataset, not crops; choose another -o")
            }
            decisions = StageDecisions(doc)
            // Quarantined crops are resumable where they now are (quarantine/…), never rewritten here.
            previous = Dictionary((doc.records + decisions.quarantinedRecordsAtTheirFiles).map { ($0.id, $0) },
                                  uniquingKeysWith: { a, _ in a })
        } else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? []
            if let other = names.sorted().first(where: { !$0.hasPrefix(".") }) {
                throw .outputNotCropDataset(path: folder.url.path,
                                            reason: "is not empty and has no dataset.json (found \(other)); choose an empty or new folder")
            }
            previous = [:]
            decisions = StageDecisions(nil)
        }
        do { try folder.checkNoPendingQuarantine() } catch { throw .output(path: url.path, reason: Self.reason(error)) }
        // Crops of the earlier run stay listed until this run replaces or drops them.
        records = previous
        // A new folder gets its (empty) dataset.json before the first crop, so
        // a run killed before the first periodic save is still resumable.
        if !folder.hasDocument { try saveLocked() }
    }

    /// Adds finished records; saves `dataset.json` every `every` records so an
    /// interrupted run keeps most of its work.
    func add(_ new: [DatasetRecord], every: Int = 32) throws(CropError) {
        mutex.lock(); defer { mutex.unlock() }
        guard decisions.isEmpty else { return }
        for r in new { records[r.id] = r }
        unsaved += new.count
        if unsaved >= every { try saveLocked(); unsaved = 0 }
    }

    /// Writes the final document with exactly `keep` ids, deleting the files
    /// of earlier records this run no longer produces. A folder a later stage
    /// decided on is left as it is, or the run is refused (``StageDecisions``);
    /// returns a note on the crops left in quarantine.
    func finish(keeping keep: Set<String>, wouldRecrop: Int = 0, example: String? = nil) throws(CropError) -> String? {
        mutex.lock(); defer { mutex.unlock() }
        if !decisions.isEmpty {
            let dropped = Set(previous.keys).subtracting(keep).count - wouldRecrop
            let changes = StageDecisions.Changes(changed: wouldRecrop, dropped: max(0, dropped), example: example)
            if !changes.isEmpty {
                throw .output(path: folder.url.path, reason: Self.reason(decisions.refusal(folder: folder.url, stage: "crop", changes: changes)))
            }
            let kept = decisions.quarantine.filter { keep.contains($0.record.id) }.count
            return kept == 0 ? nil : "\(folder.url.path): \(kept) crops stay in quarantine/ (\(decisions.summary))"
        }
        for (id, r) in records where !keep.contains(id) {
            records[id] = nil
            if !r.file.contains("/") { unlink(folder.url.appendingPathComponent(r.file).path) }
        }
        try saveLocked()
        return nil
    }

    private func saveLocked() throws(CropError) {
        let doc = DatasetDocument(stage: "crop", records: Array(records.values))
        do { try folder.save(doc) } catch { throw .output(path: folder.documentURL.path, reason: error.description) }
    }
}
