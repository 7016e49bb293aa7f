import DmanCore
import Foundation

/// `dman audit`'s whole sequence, planned once and run in the library:
/// finish an interrupted quarantine journal, then either put the quarantine
/// back (``restore``), hash one shard (``Auditor/Options/shard``), or audit →
/// dedupe → re-audit what stayed → balanced order → HTML report.
///
/// Each step's outcome is reported as an ``Event`` as it happens; the command
/// only renders them.
///
///     var session = AuditSession(folder: url)
///     session.dedupe = true
///     session.order = .init(batch: 64, seed: 1)
///     let outcome = try session.run { event in print(event) }
public struct AuditSession: Sendable {
    /// The folder audited (a dataset folder, or any folder of images).
    public var folder: URL
    /// What to check and how (rule, checks, jobs, cache, strict, shard).
    public var options = Auditor.Options()
    /// Move every family but the best of each duplicate group into `quarantine/`.
    public var dedupe = false
    /// Put every quarantined image back instead of auditing.
    public var restore = false
    /// With ``dedupe`` or ``restore``: only say what would move.
    public var dryRun = false
    /// Write a balanced training order into `dataset.json`.
    public var order: OrderRequest?
    /// Write the HTML report here (thumbnails in a `_files` folder beside it).
    public var report: URL?

    /// The balanced order's settings.
    public struct OrderRequest: Sendable, Equatable {
        /// Minibatch size the order is balanced for (≥ 1).
        public var batch: Int
        /// Seed of epoch 0 (epoch e uses seed + e).
        public var seed: UInt64
        /// At most this many images per cluster, if set.
        public var cap: Int?
        public init(batch: Int, seed: UInt64, cap: Int? = nil) { self.batch = batch; self.seed = seed; self.cap = cap }
    }

    /// What happened, step by step.
    public enum Event: Sendable {
        /// An interrupted dedupe or restore was completed before anything else.
        case recoveredInterruptedJournal
        /// Hashing progress (bar, per-file warnings and unreadable files).
        case progress(ProgressEvent)
        /// The audit finished but its hash cache could not be saved.
        case cacheNotSaved(String)
        /// The HTML report and its thumbnails were written.
        case reportWritten(URL, HTMLReport.Summary)
    }

    /// The session's result.
    public enum Outcome: Sendable {
        /// ``restore``: the files put back (or that would be, with ``dryRun``).
        case restored(files: [String], dryRun: Bool)
        /// A shard was hashed into `cache` (`measured` images).
        case hashedShard(measured: Int, cache: URL)
        /// The audit, with the quarantine and order it decided in its report.
        case audited(Auditor.Result)
    }

    public init(folder: URL) { self.folder = folder }

    /// Runs the planned steps in order; stops at the first error.
    public func run(events: @escaping @Sendable (Event) -> Void = { _ in }) throws(AuditError) -> Outcome {
        if try Quarantine.recover(folder: folder) { events(.recoveredInterruptedJournal) }
        if restore { return .restored(files: try Quarantine.restore(folder: folder, dryRun: dryRun), dryRun: dryRun) }
        let auditor = Auditor(options: options)
        var result = try auditor.audit(folder: folder) { events(.progress($0)) }
        if let warning = result.cacheWarning { events(.cacheNotSaved(warning)) }
        if options.shard != .all {
            return .hashedShard(measured: result.items.count, cache: HashCache.url(for: folder, shard: options.shard))
        }
        if dedupe { result.report.quarantine = try Quarantine.dedupe(result: result, folder: folder, dryRun: dryRun) }
        if let order {
            // Order only the images still in the dataset, but report the
            // findings (and the quarantine) of the audit that found them.
            var kept = result
            if result.report.quarantine.map({ !$0.dryRun && !$0.files.isEmpty }) == true {
                kept = try auditor.audit(folder: folder)
            }
            result.report.order = try BatchOrder.write(result: kept, folder: folder, batch: order.batch,
                                                       seed: order.seed, cap: order.cap)
        }
        if let report {
            let written = try HTMLReport.write(result, folder: folder, to: report, jobs: options.jobs)
            events(.reportWritten(report, written))
        }
        return .audited(result)
    }
}
