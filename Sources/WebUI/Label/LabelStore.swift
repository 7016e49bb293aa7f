import Crop
import DmanCore
import Foundation

/// The boxes of every picture, saved atomically to the native manifest on each edit.
///
/// Each picture has a revision; a save names the revision it was based on and
/// is refused when another page saved first. Before writing, the file on disk
/// is compared with what this store last wrote, so a second process writing
/// the same manifest is noticed rather than overwritten.
public actor LabelStore {
    public let manifestURL: URL
    let catalog: PictureCatalog
    private var boxes: [[LabelBox]]
    private var revisions: [Int]
    private var lastWritten: Data?
    private let exporter: ManifestExporter?
    private var sizes: [Int: (width: Int, height: Int)] = [:]
    private var exportedClasses: [String]?

    /// Loads `manifestURL` when it exists (through Crop's manifest reader), else starts empty.
    /// With `export`, every save also rewrites that format's files beside the manifest
    /// (classes in the order of `labels`).
    public init(catalog: PictureCatalog, manifestURL: URL, export: ExportFormat? = nil,
                labels: [String] = LabelSettings().labels) throws(WebUIError) {
        self.catalog = catalog
        self.manifestURL = manifestURL
        exporter = export.map { ManifestExporter(format: $0, manifestURL: manifestURL, labels: labels) }
        var boxes = Array(repeating: [LabelBox](), count: catalog.pictures.count)
        if FileManager.default.fileExists(atPath: manifestURL.path) {
            let manifest: CropManifest
            do { manifest = try CropManifest.load(manifestURL) } catch {
                throw .manifestUnreadable(path: manifestURL.path, detail: error.description)
            }
            for entry in manifest.parsed.entries {
                guard case .path(let name) = entry.picture, let i = catalog.index(ofManifestName: name) else { continue }
                boxes[i] = entry.boxes.compactMap { b in
                    guard case .pixels(let x, let y, let w, let h) = b.geometry else { return nil }
                    return LabelBox(x: x, y: y, w: w, h: h, label: b.label)
                }
            }
            lastWritten = FileManager.default.contents(atPath: manifestURL.path)
        }
        self.boxes = boxes
        self.revisions = Array(repeating: 0, count: catalog.pictures.count)
    }

    /// The boxes and revision of picture `index`.
    public func state(of index: Int) -> (boxes: [LabelBox], revision: Int) { (boxes[index], revisions[index]) }

    /// How many pictures have at least one box.
    public var annotatedCount: Int { boxes.lazy.filter { !$0.isEmpty }.count }

    /// Which pictures have at least one box.
    public var annotatedFlags: [Bool] { boxes.map { !$0.isEmpty } }

    /// Replaces the boxes of picture `index` and writes the manifest; returns the new revision.
    public func save(index: Int, boxes new: [LabelBox], baseRevision: Int) throws(WebUIError) -> Int {
        let name = catalog.pictures[index].manifestName
        guard baseRevision == revisions[index] else {
            throw .staleRevision(picture: name, expected: revisions[index], got: baseRevision)
        }
        guard new.allSatisfy(\.isValid), new.count <= 1000 else { throw .badRequest("boxes need finite x, y and positive w, h") }
        let onDisk = FileManager.default.contents(atPath: manifestURL.path)
        guard onDisk == lastWritten else { throw .manifestChangedOnDisk(path: manifestURL.path) }
        let old = boxes[index]
        boxes[index] = new
        let data = encodedManifest()
        do {
            // The export first: if it fails nothing changed on the page's side; the manifest is the truth.
            if let exporter {
                exportedClasses = try exporter.write(try exportPictures(), changed: try exportPicture(index), classesBefore: exportedClasses)
            }
            try AtomicFile.write(data, to: manifestURL)
        } catch {
            boxes[index] = old
            throw .writeFailed(path: error.path, reason: error.reason)
        }
        lastWritten = data
        revisions[index] += 1
        return revisions[index]
    }

    /// Where `--format` writes, if asked.
    public var exportLocation: URL? { exporter?.location }

    func exportPictures() throws(FileError) -> [ExportPicture] {
        var out: [ExportPicture] = []
        for i in catalog.pictures.indices where !boxes[i].isEmpty { out.append(try exportPicture(i)) }
        return out
    }

    func exportPicture(_ i: Int) throws(FileError) -> ExportPicture {
        let p = catalog.pictures[i]
        let size: (width: Int, height: Int)
        if let known = sizes[i] { size = known } else {
            guard let read = PictureCatalog.uprightSize(of: p.url) else {
                throw FileError(path: p.url.path, reason: "cannot read the picture's size for the export")
            }
            sizes[i] = read
            size = read
        }
        return ExportPicture(name: p.manifestName, width: size.width, height: size.height, boxes: boxes[i])
    }

    /// The native manifest: every picture with boxes, in catalog order.
    func encodedManifest() -> Data {
        struct Image: Encodable { let file: String; let boxes: [LabelBox] }
        struct Document: Encodable { let format = "dman-crop-manifest"; let version = 1; let images: [Image] }
        let images = catalog.pictures.indices.filter { !boxes[$0].isEmpty }
            .map { Image(file: catalog.pictures[$0].manifestName, boxes: boxes[$0]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(Document(images: images))) ?? Data()
    }
}
