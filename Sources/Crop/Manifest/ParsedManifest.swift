import Foundation

/// A manifest read into pictures and boxes, plus the entries that could not
/// be read (each one line; the rest are still cropped).
public struct ParsedManifest: Sendable {
    public var format: ManifestFormat
    public var entries: [ManifestEntry]
    /// Problems with single entries (wrong types, missing fields, bad lines).
    public var problems: [CropError]

    public init(format: ManifestFormat, entries: [ManifestEntry] = [], problems: [CropError] = []) {
        self.format = format
        self.entries = entries
        self.problems = problems
    }

    /// Merges entries naming the same picture (keeping manifest order of
    /// first appearance and of boxes), as COCO and native manifests may repeat them.
    mutating func mergeDuplicates() {
        var index: [String: Int] = [:]
        var merged: [ManifestEntry] = []
        for e in entries {
            let key = e.annotationFile.path + "\u{0}" + e.picture.display
            if let i = index[key] { merged[i].boxes += e.boxes } else { index[key] = merged.count; merged.append(e) }
        }
        entries = merged
    }
}
