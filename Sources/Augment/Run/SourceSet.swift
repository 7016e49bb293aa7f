import DmanCore
import Foundation

/// One input picture: its file and the record it has (from `dataset.json`)
/// or will get (a plain image folder: family = file stem).
public struct SourceItem: Sendable, Equatable {
    /// Output names start with this (the record id, or the file stem).
    public var stem: String
    /// Path relative to the input folder.
    public var file: String
    /// The record from the input `dataset.json`, `nil` for a plain folder.
    public var record: DatasetRecord?

    /// Id used as `parent` in output records.
    public var id: String { record?.id ?? stem }
}

/// The pictures of an input folder, in a stable order.
public struct SourceSet: Sendable {
    public let folder: URL
    public let items: [SourceItem]
    /// Whether the folder was a dman dataset (has `dataset.json`).
    public let isDataset: Bool

    /// The same folder limited to the items of one shard (keyed by item id),
    /// for `--shard I/N` job arrays.
    public func keeping(_ shard: Shard) -> SourceSet {
        SourceSet(folder: folder, items: items.filter { shard.contains($0.id) }, isDataset: isDataset)
    }

    private init(folder: URL, items: [SourceItem], isDataset: Bool) {
        self.folder = folder
        self.items = items
        self.isDataset = isDataset
    }

    /// Reads `folder/dataset.json`, or lists the images of a plain folder.
    public init(folder: URL) throws(AugmentError) {
        self.folder = folder.standardizedFileURL
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw .input(path: folder.path, detail: "not a folder")
        }
        let dataset = DatasetFolder(folder)
        if dataset.hasDocument {
            let doc: DatasetDocument
            do { doc = try dataset.load() } catch { throw .dataset(error) }
            isDataset = true
            items = doc.records.sorted { $0.id < $1.id }.map {
                SourceItem(stem: $0.id, file: $0.file, record: $0)
            }
        } else {
            let names: [String]
            do { names = try DatasetFolder.listImages(in: folder) } catch { throw .dataset(error) }
            var seen: [String: String] = [:]
            var list: [SourceItem] = []
            for name in names {
                let stem = (name as NSString).deletingPathExtension
                if let other = seen[stem] {
                    throw .input(path: folder.appendingPathComponent(name).path,
                                 detail: "has the same stem as \(other); output names would collide (rename one)")
                }
                seen[stem] = name
                list.append(SourceItem(stem: stem, file: name, record: nil))
            }
            isDataset = false
            items = list
        }
        if items.isEmpty { throw .input(path: folder.path, detail: "no images (PNG, JPEG, GIF, BMP, TIFF, WebP) and no dataset.json") }
    }

    /// The file of `item`, refusing paths that leave the folder.
    public func url(of item: SourceItem) throws(AugmentError) -> URL {
        do { return try ConfinedPath(root: folder).resolve(item.file) } catch {
            throw .input(path: folder.appendingPathComponent(item.file).path, detail: error.description)
        }
    }

    /// Reads and decodes one source; returns its record (created for plain folders) and pixels.
    public func load(_ item: SourceItem) throws(AugmentError) -> (record: DatasetRecord, image: PixelImage) {
        let (record, decoded) = try loadDecoded(item)
        return (record, decoded.image)
    }

    /// ``load(_:)`` with what the decoder noticed (frame count, format).
    public func loadDecoded(_ item: SourceItem) throws(AugmentError) -> (record: DatasetRecord, decoded: DecodedImage) {
        let url = try url(of: item)
        let data: Data
        do { data = try InputFile.read(url) } catch { throw .input(path: url.path, detail: error.reason) }
        let decoded: DecodedImage
        do { decoded = try ImageCodec.decode(data) } catch { throw .image(path: url.path, error: error) }
        let image = decoded.image
        if let record = item.record { return (record, decoded) }
        let hash = SHA256.hex(data)
        let record = DatasetRecord(id: item.stem, file: item.file, sha256: hash, width: image.width,
                                   height: image.height, family: item.stem, parent: nil,
                                   provenance: Provenance(source: item.file, sourceSHA256: hash,
                                                          sourceWidth: image.width, sourceHeight: image.height))
        return (record, decoded)
    }
}
