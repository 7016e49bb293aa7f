import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation

/// Builders for small on-disk datasets used across the audit tests.
enum AuditFixtures {
    /// Writes `image` as PNG at `folder/name`.
    @discardableResult
    static func writePNG(_ image: PixelImage, _ folder: URL, _ name: String) throws -> Data {
        let data = try ImageCodec.pngData(image)
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return data
    }

    /// One record of a dataset, with provenance.
    struct Item {
        var id: String
        var family: String
        var image: PixelImage
        var sourceArea: (Int, Int) = (400, 300)
        var padFraction: Double = 0
        var upscale: Double = 1
    }

    /// Writes the images and a `dataset.json` describing them.
    static func makeDataset(_ items: [Item], in folder: URL) throws {
        var records: [DatasetRecord] = []
        for item in items {
            let data = try writePNG(item.image, folder, "\(item.id).png")
            let prov = Provenance(source: "src/\(item.family).png", sourceWidth: item.sourceArea.0,
                                  sourceHeight: item.sourceArea.1, padFraction: item.padFraction, upscale: item.upscale)
            records.append(DatasetRecord(id: item.id, file: "\(item.id).png", sha256: SHA256.hex(data),
                                         width: item.image.width, height: item.image.height, family: item.family,
                                         provenance: prov))
        }
        try DatasetFolder(folder).save(DatasetDocument(stage: "augment", records: records))
    }

    /// A seeded textured picture (no flat borders, colourful).
    static func picture(_ seed: UInt64, side: Int = 64) -> PixelImage {
        SyntheticImage.textured(width: side, height: side, seed: seed)
    }

    /// `image` with every channel shifted by `delta` (a near duplicate).
    static func brightened(_ image: PixelImage, by delta: Int) -> PixelImage {
        var out = image
        for i in out.pixels.indices { out.pixels[i] = UInt8(max(0, min(255, Int(out.pixels[i]) + delta))) }
        return out
    }

    /// All regular files under `folder` with their bytes (relative path → bytes).
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let e = FileManager.default.enumerator(atPath: base) else { return out }
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            let p = base + "/" + rel
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = try Data(contentsOf: URL(fileURLWithPath: p))
            } else if isDir.boolValue {
                out[rel + "/"] = Data()
            }
        }
        return out
    }
}
