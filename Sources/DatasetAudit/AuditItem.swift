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
/// Default: candidates are pairs of family representatives within 16 bits
/// on pHash; a candidate is a near-duplicate when its content verification
/// (``PairVerifier``: foreground-weighted correlation of 64 px thumbnails over
/// ±2 px shifts) scores at least 0.935. Both numbers were chosen on the
/// make_sets.sh near-duplicate sets of seeds 11 and 22 and are reported on
/// other seeds in `bench/audit/README.md`.
public struct NearDuplicateRule: Sendable, Codable, Equatable {
    /// The hash searched in the index.
    public var hash: PerceptualHash.Kind
    /// Hamming radius on ``hash`` for a candidate pair.
    public var threshold: Int
    /// When set, the pair must also satisfy `d(hash) + d(confirming) ≤ combinedThreshold`.
    public var combinedThreshold: Int?
    /// Least ``PairVerifier`` score of a near-duplicate; nil lets the hashes alone decide.
    public var verification: Double?

    public init(hash: PerceptualHash.Kind = .phash, threshold: Int = 16, combinedThreshold: Int? = nil,
                verification: Double? = 0.935) {
        self.hash = hash
        self.threshold = threshold
        self.combinedThreshold = combinedThreshold
        self.verification = verification
    }

    enum CodingKeys: String, CodingKey { case hash, threshold, combinedThreshold = "combined_threshold", verification }

    /// The second hash of the combined score (dHash, or pHash when ``hash`` is dHash).
    public var confirming: PerceptualHash.Kind { hash == .dhash ? .phash : .dhash }

    /// The hashes this rule needs.
    public var kinds: [PerceptualHash.Kind] { combinedThreshold == nil ? [hash] : [hash, confirming] }

    /// The rule as a person reads it, with every number.
    public var summary: String {
        var parts = ["\(hash.rawValue) ≤ \(threshold)"]
        if let c = combinedThreshold { parts.append("\(hash.rawValue)+\(confirming.rawValue) ≤ \(c)") }
        if let v = verification { parts.append("verified ≥ \(v)") }
        return parts.joined(separator: ", ")
    }
}
