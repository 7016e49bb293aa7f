import Foundation

/// What later stages decided about a dataset folder: images moved to
/// `quarantine/` (`dman audit --dedupe`, review rejections; both through the
/// quarantine journal) and a training order (`dman audit --order`).
///
/// An earlier stage rerun into the folder (crop, augment) must not undo
/// these. It either keeps them, because the rerun changes nothing (every
/// output it plans already exists, in the folder or in quarantine, with the
/// same record and bytes), or it refuses with ``refusal(folder:stage:changes:)``
/// and writes nothing. `--force` rebuilds instead, after
/// ``DatasetFolder/moveAside()`` put the old folder beside the new one.
///
///     let decisions = StageDecisions(document)
///     if !decisions.isEmpty { /* verify only; never write */ }
///     try folder.save(decisions.document(stage: "augment", records: kept))
public struct StageDecisions: Sendable, Equatable {
    /// Images moved out of the folder, with where they are now.
    public var quarantine: [QuarantineEntry]
    /// The training order written by `dman audit --order`.
    public var order: EpochOrder?

    /// The decisions recorded in `document` (none for `nil`).
    public init(_ document: DatasetDocument?) {
        quarantine = document?.quarantine ?? []
        order = document?.order
    }

    /// Whether no later stage has touched the folder.
    public var isEmpty: Bool { quarantine.isEmpty && order == nil }

    /// Quarantined records by id.
    public var quarantinedByID: [String: QuarantineEntry] {
        Dictionary(quarantine.map { ($0.record.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The quarantined records with `file` set to where the image now lives
    /// (`quarantine/…`), so a resume check that reads `folder/file` finds
    /// the quarantined bytes.
    public var quarantinedRecordsAtTheirFiles: [DatasetRecord] {
        quarantine.map { entry in
            var r = entry.record
            r.file = entry.quarantinedFile
            return r
        }
    }

    /// The document a rerun saves: `records` without the quarantined ids
    /// (they stay listed under `quarantine`), the order and quarantine kept.
    public func document(stage: String, records: [DatasetRecord]) -> DatasetDocument {
        let quarantined = Set(quarantine.map(\.record.id))
        return DatasetDocument(stage: stage, records: records.filter { !quarantined.contains($0.id) },
                               order: order, quarantine: quarantine.isEmpty ? nil : quarantine)
    }

    /// Which stages decided, e.g. `audit --dedupe quarantined 24 images; audit --order wrote a training order`.
    public var summary: String {
        var parts: [String] = []
        let rejected = quarantine.filter(\.isReviewRejection).count
        let deduped = quarantine.count - rejected
        if deduped > 0 { parts.append("audit --dedupe quarantined \(deduped) image\(deduped == 1 ? "" : "s")") }
        if rejected > 0 { parts.append("review rejected \(rejected) image\(rejected == 1 ? "" : "s")") }
        if order != nil { parts.append("audit --order wrote a training order") }
        return parts.joined(separator: "; ")
    }

    /// The commands that make these decisions again after a rebuild.
    public func redoCommands(folder: String) -> String {
        var audit: [String] = []
        if quarantine.contains(where: { !$0.isReviewRejection }) { audit.append("--dedupe") }
        if let order {
            audit += ["--order", "balanced", "--batch", "\(order.batch)"]
            if order.seed != 0 { audit += ["--seed", "\(order.seed)"] }
            if let cap = order.cap { audit += ["--cap", "\(cap)"] }
        }
        var commands: [String] = []
        if quarantine.contains(where: \.isReviewRejection) { commands.append("`dman review \(folder)`") }
        if !audit.isEmpty { commands.append("`dman audit \(folder) " + audit.joined(separator: " ") + "`") }
        return commands.joined(separator: " and ")
    }

    /// How a rerun would differ from the folder a later stage decided on.
    public struct Changes: Sendable, Equatable {
        /// Outputs the rerun would make that the folder does not have.
        public var added = 0
        /// Outputs it would make differently (other record, or bytes not matching).
        public var changed = 0
        /// Outputs in the folder (or its quarantine) the rerun no longer makes.
        public var dropped = 0
        /// One affected id or file, to name in the message.
        public var example: String?

        public init(added: Int = 0, changed: Int = 0, dropped: Int = 0, example: String? = nil) {
            self.added = added
            self.changed = changed
            self.dropped = dropped
            self.example = example
        }

        public var isEmpty: Bool { added == 0 && changed == 0 && dropped == 0 }
    }

    /// The one-line refusal when a rerun would undo these decisions.
    public func refusal(folder: URL, stage: String, changes: Changes) -> DatasetError {
        var what: [String] = []
        if changes.added > 0 { what.append("add \(changes.added)") }
        if changes.changed > 0 { what.append("change \(changes.changed)") }
        if changes.dropped > 0 { what.append("drop \(changes.dropped)") }
        let list = what.count > 1 ? what.dropLast().joined(separator: ", ") + " and " + what.last! : what.joined()
        let example = changes.example.map { " (first: \($0))" } ?? ""
        let aside = DatasetFolder.freeAsideName(for: folder)
        return .laterDecisions(path: folder.path, detail:
            "a later stage decided on this folder (\(summary)) and this \(stage) run would \(list) outputs\(example), "
            + "undoing that; nothing was changed. To rebuild: rerun with --force (the old folder is moved to \(aside), "
            + "never deleted), then redo \(redoCommands(folder: folder.path))")
    }
}

extension QuarantineEntry {
    /// Whether the image was rejected in review (its reason starts with
    /// `rejected in review`) rather than quarantined by `audit --dedupe`.
    public var isReviewRejection: Bool { reason.hasPrefix("rejected in review") }
}
