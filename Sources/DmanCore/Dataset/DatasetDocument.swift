/// The `dataset.json` document: versioned, one record per image.
///
/// Schema: `manifests/dataset.schema.json`.
public struct DatasetDocument: Sendable, Equatable, Codable {
    /// The format tag, always `dman-dataset`.
    public var format: String
    /// Schema version (``DatasetDocument/currentVersion``).
    public var version: Int
    /// The stage that wrote the folder (`crop`, `augment`, `import`, ...).
    public var stage: String
    /// Records sorted by id.
    public var records: [DatasetRecord]
    /// Training order written by `dman audit --order` (record ids per epoch).
    public var order: EpochOrder?
    /// Images moved out by `dman audit --dedupe`, with the reason.
    public var quarantine: [QuarantineEntry]?

    public static let formatTag = "dman-dataset"
    public static let currentVersion = 1

    public init(stage: String, records: [DatasetRecord] = [], order: EpochOrder? = nil,
                quarantine: [QuarantineEntry]? = nil) {
        format = Self.formatTag
        version = Self.currentVersion
        self.stage = stage
        self.records = records
        self.order = order
        self.quarantine = quarantine
    }
}

/// A minibatch-balanced training order.
public struct EpochOrder: Sendable, Equatable, Codable {
    /// Batch size the order was balanced for.
    public var batch: Int
    /// Seed of the first epoch; epoch `e` uses `seed + e`.
    public var seed: UInt64
    /// Record ids of one epoch, in order (later epochs are re-derived with the seed).
    public var ids: [String]
    /// Images per cluster cap, if one was applied.
    public var cap: Int?

    public init(batch: Int, seed: UInt64, ids: [String], cap: Int? = nil) {
        self.batch = batch
        self.seed = seed
        self.ids = ids
        self.cap = cap
    }
}

/// An image moved to `quarantine/` by audit, and why.
public struct QuarantineEntry: Sendable, Equatable, Codable {
    public var record: DatasetRecord
    /// Path under the dataset folder where the file now lives.
    public var quarantinedFile: String
    public var reason: String
    /// Id of the record kept in its place, when the reason is a duplicate.
    public var keptInstead: String?

    public init(record: DatasetRecord, quarantinedFile: String, reason: String, keptInstead: String? = nil) {
        self.record = record
        self.quarantinedFile = quarantinedFile
        self.reason = reason
        self.keptInstead = keptInstead
    }
}
