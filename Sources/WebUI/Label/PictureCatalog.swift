import Crop
import DmanCore
import Foundation

/// The pictures a label page may show, named by opaque ids (`p0`, `p1`, …).
///
/// A request names a picture only by its id; the id indexes this list, which
/// was made by listing one folder, so no request text ever becomes a path.
public struct PictureCatalog: Sendable {
    public struct Picture: Sendable, Equatable {
        public let id: String
        /// The name written into the manifest: relative to the manifest's folder when the picture is inside
        /// it, else relative to the pictures folder (then `dman crop --images PICTURES` finds it).
        public let manifestName: String
        public let url: URL
    }

    public let pictures: [Picture]
    /// Whether the manifest lies outside the pictures folder, so `dman crop` needs `--images`.
    public let needsImagesFolder: Bool
    private let indexByName: [String: Int]

    /// Lists the raster files directly inside `folder`, sorted by name.
    public init(folder: URL, manifestFolder: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { RasterFormat.fileExtensions.contains(($0 as NSString).pathExtension.lowercased()) && !$0.hasPrefix(".") }
            .sorted()
        let base = manifestFolder.standardizedFileURL.path
        var pics: [Picture] = []
        for (i, name) in names.enumerated() {
            let url = folder.appendingPathComponent(name).standardizedFileURL
            let rel = url.path.hasPrefix(base + "/") ? String(url.path.dropFirst(base.count + 1)) : name
            pics.append(Picture(id: "p\(i)", manifestName: rel, url: url))
        }
        pictures = pics
        needsImagesFolder = !folder.standardizedFileURL.path.hasPrefix(base + "/") && folder.standardizedFileURL.path != base
        indexByName = Dictionary(pics.enumerated().map { ($1.manifestName, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The picture with this id, or nil for anything else (including `../x`).
    public func picture(id: String) -> Picture? {
        guard id.hasPrefix("p"), let n = Int(id.dropFirst()), String(n) == id.dropFirst(),
              pictures.indices.contains(n) else { return nil }
        return pictures[n]
    }

    /// The index of the picture a manifest names, if listed.
    public func index(ofManifestName name: String) -> Int? { indexByName[name] }

    /// The picture's size after EXIF orientation (the size `dman crop` sees), from its header when it
    /// has one, else by decoding it.
    static func uprightSize(of url: URL) -> (width: Int, height: Int)? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        if let h = ImageCodec.headerInfo(data) {
            let turned = h.format == .jpeg && (JPEGOrientation.read(data) ?? 1) >= 5
            return turned ? (h.height, h.width) : (h.width, h.height)
        }
        guard let d = try? ImageCodec.decode(data) else { return nil }
        return (d.image.width, d.image.height)
    }
}
