import Foundation

/// Loads any supported annotation manifest and says where its dataset root is.
///
/// ``load(_:format:)`` detects the format from the content (JSON shape) or,
/// for folders and `.xml`/`.txt` files, from the file kinds; pass `format`
/// to force one.
///
///     let manifest = try CropManifest.load(URL(fileURLWithPath: "sources/coco.json"))
///     print(manifest.parsed.entries.count, manifest.root.path)
public struct CropManifest: Sendable {
    /// The file or folder given.
    public var location: URL
    /// The default dataset root: the manifest's folder, or for a folder (or
    /// single file) of VOC/YOLO annotations the folder that holds them.
    public var root: URL
    public var parsed: ParsedManifest

    public static func load(_ location: URL, format: ManifestFormat? = nil) throws(CropError) -> CropManifest {
        let url = location.standardizedFileURL
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw .manifestUnreadable(path: url.path, reason: "no such file or folder")
        }
        if isDir.boolValue { return try loadFolder(url, format: format) }
        let ext = url.pathExtension.lowercased()
        let perFile = format ?? (ext == "xml" ? .voc : ext == "txt" ? .yolo : nil)
        if let perFile, perFile == .voc || perFile == .yolo {
            let folder = url.deletingLastPathComponent()
            let parsed = perFile == .voc ? VOCParser.parse(files: [url])
                : YOLOParser.parse(files: [url], classes: YOLOParser.classNames(near: folder))
            return CropManifest(location: url, root: folder.deletingLastPathComponent(), parsed: parsed)
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .manifestUnreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        if data.isEmpty { throw .manifestMalformed(path: url.path, detail: "empty file (0 bytes)") }
        let json = try JSONCursor.parse(data, file: url.path)
        let detected: ManifestFormat
        if let format { detected = format } else { detected = try detect(json, path: url.path) }
        let parsed: ParsedManifest
        switch detected {
        case .native: parsed = try NativeManifestParser.parse(json, file: url)
        case .coco: parsed = try COCOParser.parse(json, file: url)
        case .createml: parsed = try CreateMLParser.parse(json, file: url)
        case .labelstudio: parsed = try LabelStudioParser.parse(json, file: url)
        case .voc, .yolo: throw .unknownFormat(path: url.path, reason: "\(detected.rawValue) needs .xml/.txt files or a folder")
        }
        return CropManifest(location: url, root: url.deletingLastPathComponent(), parsed: parsed)
    }

    static func detect(_ json: JSONCursor, path: String) throws(CropError) -> ManifestFormat {
        if COCOParser.looksCOCO(json) { return .coco }
        if NativeManifestParser.looksNative(json) { return .native }
        if LabelStudioParser.looksLabelStudio(json) { return .labelstudio }
        if CreateMLParser.looksCreateML(json) { return .createml }
        throw .unknownFormat(path: path, reason: "JSON is not native, COCO, CreateML or Label Studio")
    }

    /// A folder of `.xml` (VOC) or `.txt` (YOLO) files, or a dataset folder
    /// holding `Annotations/` or `labels/`.
    static func loadFolder(_ url: URL, format: ManifestFormat?) throws(CropError) -> CropManifest {
        for (sub, kind) in [("Annotations", ManifestFormat.voc), ("labels", .yolo)] where format == nil || format == kind {
            let inner = url.appendingPathComponent(sub)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: inner.path, isDirectory: &isDir), isDir.boolValue {
                return try loadFolder(inner, format: kind)
            }
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() } catch {
            throw .manifestUnreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        let xml = names.filter { $0.lowercased().hasSuffix(".xml") && !$0.hasPrefix(".") }
        let txt = names.filter {
            $0.lowercased().hasSuffix(".txt") && !$0.hasPrefix(".") && $0 != "classes.txt" && $0 != "obj.names"
        }
        let kind = format ?? (xml.isEmpty ? (txt.isEmpty ? nil : .yolo) : .voc)
        let root = url.deletingLastPathComponent()
        switch kind {
        case .voc:
            return CropManifest(location: url, root: root, parsed: VOCParser.parse(files: xml.map { url.appendingPathComponent($0) }))
        case .yolo:
            let parsed = YOLOParser.parse(files: txt.map { url.appendingPathComponent($0) }, classes: YOLOParser.classNames(near: url))
            return CropManifest(location: url, root: root, parsed: parsed)
        default:
            throw .unknownFormat(path: url.path, reason: "a folder must hold VOC .xml or YOLO .txt files")
        }
    }
}
