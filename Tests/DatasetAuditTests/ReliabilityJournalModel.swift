import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation

/// What a dataset folder should hold during a random journal sequence, and
/// the checks of ``ReliabilityQuarantineJournalTests``.
///
/// The expected quarantine is worked out from each operation's meaning
/// (reject adds the chosen current records, restore removes the chosen
/// ones, a full restore empties it), except for `--dedupe`, whose choice is
/// the auditor's: it is read from `dataset.json` (or, when killed, from the
/// journal's document) and must only add to what was quarantined before.
struct JournalModel {
    let folder: URL
    let allIDs: [String]
    /// SHA-256 → number of pictures with those bytes, at the start.
    let pictures: [String: Int]
    /// Every file of the untouched folder (relative path → bytes).
    let original: [String: Data]
    var expectedQuarantine: Set<String> = []
    /// A kill left a journal that the next open must complete.
    var pending = false
    /// Problems found while performing steps (a decision undone, an error).
    var problems: [String] = []

    init(folder: URL, allIDs: [String], pictures: [String: Int], original: [String: Data]) {
        self.folder = folder
        self.allIDs = allIDs
        self.pictures = pictures
        self.original = original
    }

    var expectedRecords: Set<String> { Set(allIDs).subtracting(expectedQuarantine) }
    var journalURL: URL { folder.appendingPathComponent(".dman-quarantine-journal.json") }
    var journalExists: Bool { FileManager.default.fileExists(atPath: journalURL.path) }

    mutating func perform(_ step: JournalStep, tally: inout JournalRunTally) throws {
        tally.steps += 1
        let wasPending = pending
        switch step {
        case .dedupe(let kill):
            try Quarantine.recover(folder: folder)  // as `dman audit` does first
            let before = expectedQuarantine
            _ = try Quarantine.dedupe(result: QuarantineTests.audit(folder), folder: folder, dryRun: false, stopAfter: kill)
            let after = journalExists ? try Self.quarantineIDs(inJournal: journalURL)
                                      : Set((try DatasetFolder(folder).load().quarantine ?? []).map(\.record.id))
            if !after.isSuperset(of: before) { problems.append("dedupe undid \(before.subtracting(after).sorted())") }
            expectedQuarantine = after
        case .reject(let ids, let kill):
            let added = Set(ids).intersection(expectedRecords)
            try Quarantine.quarantine(ids: ids, reason: "rejected in review", folder: folder, stopAfter: kill)
            expectedQuarantine.formUnion(added)
        case .restore(let ids, let kill):
            try Quarantine.restore(ids: ids, folder: folder, stopAfter: kill)
            expectedQuarantine.subtract(ids)
        case .restoreAll(let kill):
            _ = try Quarantine.restore(folder: folder, dryRun: false, stopAfter: kill)
            expectedQuarantine = []
        case .recover(let kill):
            try Quarantine.recover(folder: folder, stopAfter: kill)
        case .tornJournalTemporary:
            let torn = folder.appendingPathComponent("..dman-quarantine-journal.json.\(String(UInt32.random(in: 0...UInt32.max), radix: 16)).tmp")
            try Data(#"{"operation":"dedupe","moves":[{"from":"a0.png","to":"quaran"#.utf8).write(to: torn)
        }
        pending = journalExists
        if pending { tally.kills += wasPending ? 0 : 1 }
        if wasPending && !pending { tally.recoveries += 1 }
        if !pending && expectedQuarantine.isEmpty, case .restoreAll = step { tally.fullRestores += 1 }
    }

    /// Every broken invariant, as text (empty when all hold).
    func check() -> [String] {
        var broken = problems
        // Every picture exactly once, bytes unchanged.
        let found = Self.pictureHashes(folder)
        if found != pictures {
            let missing = pictures.filter { found[$0.key, default: 0] < $0.value }.count
            let extra = found.filter { pictures[$0.key, default: 0] < $0.value }.count
            broken.append("pictures changed: \(missing) missing or fewer, \(extra) doubled or new")
        }
        let doc: DatasetDocument
        do { doc = try DatasetFolder(folder).load() } catch {
            return broken + ["dataset.json does not load: \(error)"]
        }
        if pending { return journalExists ? broken : broken + ["journal vanished"] }
        let records = Set(doc.records.map(\.id)), quarantined = (doc.quarantine ?? []).map(\.record.id)
        if records != expectedRecords { broken.append("records \(records.sorted()) ≠ expected \(expectedRecords.sorted())") }
        if Set(quarantined) != expectedQuarantine || quarantined.count != Set(quarantined).count {
            broken.append("quarantine \(quarantined.sorted()) ≠ expected \(expectedQuarantine.sorted())")
        }
        var referenced: [String] = []
        for r in doc.records {
            referenced.append(r.file)
            if Self.sha(folder.appendingPathComponent(r.file)) != r.sha256 { broken.append("record \(r.id): \(r.file) missing or changed") }
        }
        for e in doc.quarantine ?? [] {
            referenced.append(e.quarantinedFile)
            if !e.quarantinedFile.hasPrefix(DatasetFolder.quarantineName + "/") { broken.append("\(e.quarantinedFile) outside quarantine/") }
            if Self.sha(folder.appendingPathComponent(e.quarantinedFile)) != e.record.sha256 {
                broken.append("quarantined \(e.record.id): \(e.quarantinedFile) missing or changed")
            }
        }
        if referenced.sorted() != Self.pictureFiles(folder) {
            broken.append("files on disk \(Self.pictureFiles(folder)) ≠ referenced \(referenced.sorted())")
        }
        if let order = doc.order, !Set(order.ids).isSubset(of: records) { broken.append("order names non-records") }
        if expectedQuarantine.isEmpty, let now = try? Self.visibleSnapshot(folder), now != original.filter({ !Self.isTemporary($0.key) }) {
            broken.append("nothing quarantined but the folder differs from the original: \(Set(now.keys).symmetricDifference(original.keys).sorted())")
        }
        return broken
    }

    static func isTemporary(_ relative: String) -> Bool {
        let name = (relative as NSString).lastPathComponent
        return name.hasPrefix(".") && name.hasSuffix(".tmp")
    }

    /// The snapshot without temporaries a kill may leave (hidden `.tmp` files, never pictures).
    static func visibleSnapshot(_ folder: URL) throws -> [String: Data] {
        try AuditFixtures.snapshot(folder).filter { !isTemporary($0.key) }
    }

    /// Relative paths of the pictures under `folder`, `quarantine/` included.
    static func pictureFiles(_ folder: URL) -> [String] {
        let base = folder.resolvingSymlinksInPath().path
        var out: [String] = []
        let e = FileManager.default.enumerator(atPath: base)
        while let rel = e?.nextObject() as? String {
            if rel.hasSuffix(".png") && !(rel as NSString).lastPathComponent.hasPrefix(".") { out.append(rel) }
        }
        return out.sorted()
    }

    static func pictureHashes(_ folder: URL) -> [String: Int] {
        var out: [String: Int] = [:]
        for rel in pictureFiles(folder) { out[sha(folder.appendingPathComponent(rel)) ?? "unreadable", default: 0] += 1 }
        return out
    }

    static func sha(_ url: URL) -> String? {
        (try? Data(contentsOf: url)).map { SHA256.hex($0) }
    }

    /// The quarantined ids of the `dataset.json` a pending journal will write.
    static func quarantineIDs(inJournal url: URL) throws -> Set<String> {
        struct Journal: Decodable { var document: Data? }
        let journal = try JSONDecoder().decode(Journal.self, from: Data(contentsOf: url))
        guard let bytes = journal.document else { return [] }
        return Set((try DatasetFolder.decode(bytes, path: url.path).quarantine ?? []).map(\.record.id))
    }
}
