import Foundation

/// The result of an audit; also the `--json` document
/// (schema: `manifests/audit-report.schema.json`).
///
/// Duplicate findings are groups of paths relative to the dataset, each a
/// connected set; per-image findings are listed by issue.
public struct AuditReport: Sendable, Codable, Equatable {
    public var format = "dman-audit-report"
    public var version = 1
    /// The audited folder, as given.
    public var dataset: String
    /// `dataset` (has dataset.json) or `folder` (plain folder of images).
    public var kind: String
    /// Images audited, and how many could be decoded.
    public var images: Int
    public var readable: Int
    /// Distinct families (equal to `images` in a plain folder).
    public var families: Int
    /// Images whose measures came from the cache.
    public var cached: Int
    public var rule: NearDuplicateRule
    public var thresholds: AuditThresholds
    /// Images flagged per issue (for duplicates: images in groups).
    public var counts: [String: Int]
    public var exactDuplicates: [[String]]
    public var nearDuplicates: [[String]]
    public var nearDuplicatePairs: [PairEntry]
    /// Per-image findings by issue name (duplicates are in the groups above).
    public var findings: [String: [AuditFinding]]
    /// Written by `--dedupe` (or `--dry-run`).
    public var quarantine: QuarantinePlan?
    /// Written by `--order balanced`.
    public var order: OrderSummary?

    /// One near-duplicate pair.
    public struct PairEntry: Sendable, Codable, Equatable {
        public var a: String
        public var b: String
        public var distance: Int
        public var combined: Int?
        /// Content verification score (``PairVerifier``), when the rule verifies.
        public var score: Double?
    }

    enum CodingKeys: String, CodingKey {
        case format, version, dataset, kind, images, readable, families, cached, rule, thresholds, counts
        case exactDuplicates = "exact_duplicates"
        case nearDuplicates = "near_duplicates"
        case nearDuplicatePairs = "near_duplicate_pairs"
        case findings, quarantine, order
    }
}

/// What `--dedupe` moved (or, with `--dry-run`, would move).
public struct QuarantinePlan: Sendable, Codable, Equatable {
    public struct Group: Sendable, Codable, Equatable {
        /// The family kept.
        public var kept: String
        /// Families moved to quarantine, best first.
        public var moved: [String]

        public init(kept: String, moved: [String]) {
            self.kept = kept
            self.moved = moved
        }
    }
    public var dryRun: Bool
    public var groups: [Group]
    /// Files moved (relative paths before the move).
    public var files: [String]

    enum CodingKeys: String, CodingKey { case dryRun = "dry_run", groups, files }
}

/// The balanced order and how it compares with a uniform shuffle.
public struct OrderSummary: Sendable, Codable, Equatable {
    public var batch: Int
    public var seed: UInt64
    public var cap: Int?
    public var images: Int
    public var clusters: Int
    /// Whether an order with no same-cluster pair in any window of `batch` exists.
    public var feasible: Bool
    public var shuffle: BatchOrder.Stats
    public var balanced: BatchOrder.Stats
}
