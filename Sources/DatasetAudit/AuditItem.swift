import DmanCore

/// One image under audit: where it is, its family, and what was measured.
public struct AuditItem: Sendable, Equatable {
    /// Record id, or the file name in a plain folder.
    public var id: String
    /// Path relative to the dataset folder.
    public var file: String
    /// Augmentations of one crop share a family; in a plain folder each file is its own.
    public var family: String
    /// The dataset record, when auditing a dataset folder.
    public var record: DatasetRecord?
    /// Nil when the file could not be read (see ``error``).
    public var measures: ImageMeasures?
    /// One line naming why the file could not be read.
    public var error: String?

    public init(id: String, file: String, family: String, record: DatasetRecord? = nil,
                measures: ImageMeasures? = nil, error: String? = nil) {
        self.id = id
        self.file = file
        self.family = family
        self.record = record
        self.measures = measures
        self.error = error
    }
}

/// How near-duplicates are decided.
///
/// Default: pHash within 10 bits (imagededup's default radius) **and**
/// pHash + dHash within 16 of 128 bits. The second hash confirms the first:
/// on the Wesnoth near-duplicate benchmark this scores F1 0.97 where pHash
/// alone at 10 scores 0.90 (`bench/audit/README.md`).
public struct NearDuplicateRule: Sendable, Codable, Equatable {
    /// The hash searched in the index.
    public var hash: PerceptualHash.Kind
    /// Hamming radius on ``hash``.
    public var threshold: Int
    /// When set, the pair must also satisfy `d(hash) + d(confirming) ≤ combinedThreshold`.
    public var combinedThreshold: Int?

    public init(hash: PerceptualHash.Kind = .phash, threshold: Int = 10, combinedThreshold: Int? = 16) {
        self.hash = hash
        self.threshold = threshold
        self.combinedThreshold = combinedThreshold
    }

    enum CodingKeys: String, CodingKey { case hash, threshold, combinedThreshold = "combined_threshold" }

    /// The second hash of the combined score (dHash, or pHash when ``hash`` is dHash).
    public var confirming: PerceptualHash.Kind { hash == .dhash ? .phash : .dhash }

    /// The hashes this rule needs.
    public var kinds: [PerceptualHash.Kind] { combinedThreshold == nil ? [hash] : [hash, confirming] }
}
