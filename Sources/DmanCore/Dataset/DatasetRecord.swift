/// One image of a dataset folder.
public struct DatasetRecord: Sendable, Equatable, Codable, Identifiable {
    /// Unique within the dataset; also the output file's stem.
    public var id: String
    /// Path of the PNG relative to the dataset folder.
    public var file: String
    /// SHA-256 of the PNG's bytes.
    public var sha256: String
    public var width: Int
    public var height: Int
    /// Id of the crop this image descends from: augmentations of one crop are
    /// one family, and audit never calls family members duplicates.
    public var family: String
    /// Id of the record this one was made from in the previous stage.
    public var parent: String?
    public var provenance: Provenance

    public init(id: String, file: String, sha256: String, width: Int, height: Int, family: String,
                parent: String? = nil, provenance: Provenance) {
        self.id = id
        self.file = file
        self.sha256 = sha256
        self.width = width
        self.height = height
        self.family = family
        self.parent = parent
        self.provenance = provenance
    }
}
