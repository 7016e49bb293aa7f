import ArgumentParser
import DatasetAudit
import DmanCore
import Foundation

extension PerceptualHash.Kind: ExpressibleByArgument {}

/// `dman audit`: quality checks, near-duplicates between families,
/// quarantine, and a balanced minibatch order.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check a dataset for duplicates and bad images; optionally dedupe or write a balanced order.",
        discussion: """
        Works on a dataset folder (dataset.json) or a plain folder of images (each file its own family). \
        Findings are not failures: the exit code is 0 whenever the audit ran (unreadable images are \
        findings, each also named on stderr), 1 when it could not, 64 for bad flags. Checks, scores and \
        default thresholds: dman docs thresholds; `--json` schema: dman docs audit-schema. Measures are cached in FOLDER/.dman-audit-cache.json (XDG_CACHE_HOME/dman/audit/ when FOLDER is read-only).
        """
    )

    enum OrderKind: String, ExpressibleByArgument, CaseIterable { case balanced }

    @Argument(help: ArgumentHelp("Dataset folder or folder of images.", valueName: "dataset"), completion: .directory)
    var dataset: String

    @Option(help: "Perceptual hash searched for near-duplicates.")
    var hash: PerceptualHash.Kind = .phash

    @Option(help: ArgumentHelp("Largest Hamming distance (of 64 bits) on --hash for a candidate pair.", valueName: "bits"))
    var threshold: Int = NearDuplicateRule().threshold

    @Option(help: ArgumentHelp("Also require --hash + second hash (dHash, or pHash for --hash dhash) distance within this many of 128 bits.", valueName: "bits"))
    var combined: Int?

    @Option(help: ArgumentHelp("Least content-verification score (-1...1) of a near-duplicate: foreground-weighted correlation of 64 px thumbnails over ±2 px shifts.", valueName: "score"))
    var verify: Double = NearDuplicateRule().verification ?? 0.935

    @Flag(help: "Let the hashes alone decide (no content verification).")
    var noVerify = false

    @Option(help: ArgumentHelp("Comma-separated issues to check (default: all). Names as in the JSON report.", valueName: "list"))
    var checks: String?

    @Flag(help: "Move every family but the best of each duplicate group (with all its augmentations) into DATASET/quarantine/.")
    var dedupe = false

    @Flag(help: "With --dedupe or --restore: only list what would move.")
    var dryRun = false

    @Flag(help: "Put every quarantined image back (undoes --dedupe).")
    var restore = false

    @Option(help: "Write a training order into dataset.json.")
    var order: OrderKind?

    @Option(help: ArgumentHelp("Batch size the order is balanced for.", valueName: "n"))
    var batch: Int = 64

    @Option(help: ArgumentHelp("Seed of the order (epoch e uses seed + e).", valueName: "n"))
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("At most this many images per cluster in the order.", valueName: "n"))
    var cap: Int?

    @Option(help: ArgumentHelp("Write an HTML report (offline; thumbnails in a FILE_files/ folder beside it).", valueName: "file.html"), completion: .file(extensions: ["html"]))
    var report: String?

    @Flag(help: "Neither read nor write the hash cache beside the folder.")
    var noCache = false

    @Flag(help: "Stop at the first unreadable image (exit 1).")
    var strict = false

    @Option(help: ArgumentHelp("Only hash slice I of N of the images (for job arrays) into a cache beside the dataset; the next whole audit uses it.", valueName: "I/N"))
    var shard: String?

    @OptionGroup var global: GlobalOptions

    /// The session, read by DatasetAudit's one settings reader (the one a pipeline's `[audit]` section goes through).
    func session() throws -> AuditSession {
        var session = try readSettings { try AuditSession(folder: URL(fileURLWithPath: dataset), settings: $0) }
        session.options.jobs = global.resolvedJobs
        return session
    }

    func validate() throws { _ = try session() }

    func run() throws {
        let console = global.console()
        let session = try session()
        let outcome: AuditSession.Outcome
        do { outcome = try session.run { Self.render($0, dataset: dataset, console: console) } } catch { throw console.fail(error) }
        console.finishProgress()
        switch outcome {
        case .restored(let files, let dryRun):
            console.say("\(dryRun ? "would restore" : "restored") \(files.count) images from quarantine/")
            console.emitJSON(RestoreSummary(restored: files, dryRun: dryRun))
        case .hashedShard(let measured, let cache):
            console.emitJSON(["shard": shard ?? "", "measured": String(measured)])
            console.say("shard \(shard ?? ""): hashed \(measured) images into \(cache.path)")
        case .audited(let result):
            console.emitJSON(result.report)
            for line in result.report.summaryLines() { console.say(line) }
        }
    }

    /// Renders one step of the session (also the pipeline's audit stage).
    static func render(_ event: AuditSession.Event, dataset: String, console: Console) {
        switch event {
        case .recoveredInterruptedJournal: console.warning("\(dataset): completed an interrupted dedupe/restore first")
        case .progress(.itemFailed(let failure)): console.warning(failure.description)   // an unreadable image is a finding, not a failure
        case .progress(let p): console.progressHandler(p)
        case .cacheNotSaved(let text): console.finishProgress(); console.warning(text)
        case .reportWritten(let url, let w):
            console.finishProgress()
            console.say("report: \(url.relativePath) (\(w.pageBytes / 1024) KB) and \(w.thumbnailCount) thumbnails in \(w.thumbnails.lastPathComponent)/ (\(w.thumbnailBytes / 1024) KB)")
        }
    }

    struct RestoreSummary: Encodable {
        var restored: [String]
        var dryRun: Bool
        enum CodingKeys: String, CodingKey { case restored, dryRun = "dry_run" }
    }
}
