import DmanCore
import Foundation

/// Annotation formats `dman label --format` writes beside the native manifest, for other tools.
public enum ExportFormat: String, Sendable, CaseIterable, Codable {
    /// One COCO instances JSON, `<manifest stem>.coco.json`.
    case coco
    /// One Pascal VOC XML per picture (1-based inclusive corners) in `<manifest stem>.voc/`.
    case voc
    /// One YOLO txt per picture (`class cx cy w h`, normalised) and `classes.txt` in `<manifest stem>.yolo/`.
    case yolo
}

/// One picture as an export needs it: its manifest name, upright size and boxes.
struct ExportPicture: Equatable {
    let name: String
    let width: Int
    let height: Int
    let boxes: [LabelBox]
}

/// Writes the label page's boxes in COCO, VOC or YOLO form, in the shapes
/// Crop's own readers parse (the round-trip tests read them back with
/// `CropManifest.load` and crop them). The native manifest stays the one the
/// page resumes from; an export is rewritten from it on every save.
struct ManifestExporter: Sendable {
    let format: ExportFormat
    /// The file (COCO) or folder (VOC, YOLO) written.
    let location: URL
    /// Class names in index order (YOLO's classes.txt, COCO's categories).
    let classes: [String]

    init(format: ExportFormat, manifestURL: URL, labels: [String]) {
        self.format = format
        let stem = manifestURL.deletingPathExtension().lastPathComponent
        let dir = manifestURL.deletingLastPathComponent()
        location = format == .coco ? dir.appendingPathComponent(stem + ".coco.json") : dir.appendingPathComponent(stem + "." + format.rawValue)
        classes = labels
    }

    /// Writes the export: COCO as one file of `pictures` (every picture with boxes); VOC and YOLO as the
    /// file of `changed` alone, or of every picture when `classesBefore` (the classes of the last write
    /// by this process) differs from now, so a new class never leaves stale indices. Returns the classes.
    @discardableResult
    func write(_ pictures: [ExportPicture], changed: ExportPicture, classesBefore: [String]?) throws(FileError) -> [String] {
        let names = allClasses(pictures + [changed])
        switch format {
        case .coco: try AtomicFile.write(coco(pictures), to: location)
        case .voc, .yolo:
            do { try FileManager.default.createDirectory(at: location, withIntermediateDirectories: true) } catch {
                throw FileError(path: location.path, reason: "cannot create the folder")
            }
            let all = classesBefore != names
            if format == .yolo && all {
                try AtomicFile.write(Data((names.joined(separator: "\n") + "\n").utf8), to: location.appendingPathComponent("classes.txt"))
            }
            for p in (all ? pictures.filter { $0.name != changed.name } : []) + [changed] {
                let stem = ((p.name as NSString).lastPathComponent as NSString).deletingPathExtension
                let data = format == .voc ? voc(p) : yolo(p, classes: names)
                try AtomicFile.write(data, to: location.appendingPathComponent(stem + (format == .voc ? ".xml" : ".txt")), flush: false)
            }
        }
        return names
    }

    /// The command's labels, then any other label found in the boxes, in first-seen order.
    func allClasses(_ pictures: [ExportPicture]) -> [String] {
        var out = classes
        for p in pictures { for b in p.boxes { if let l = b.label, !out.contains(l) { out.append(l) } } }
        return out
    }

    func coco(_ pictures: [ExportPicture]) -> Data {
        struct Image: Encodable { let id: Int; let file_name: String; let width: Int; let height: Int }
        struct Annotation: Encodable { let id: Int; let image_id: Int; let category_id: Int; let bbox: [Double]; let area: Double; let iscrowd = 0 }
        struct Category: Encodable { let id: Int; let name: String }
        struct Document: Encodable { let images: [Image]; let annotations: [Annotation]; let categories: [Category] }
        let names = allClasses(pictures)
        var annotations: [Annotation] = []
        for (i, p) in pictures.enumerated() {
            for b in p.boxes {
                let category = (b.label.flatMap { names.firstIndex(of: $0) } ?? 0) + 1
                annotations.append(Annotation(id: annotations.count + 1, image_id: i + 1, category_id: category,
                                              bbox: [b.x, b.y, b.w, b.h], area: b.w * b.h))
            }
        }
        let doc = Document(images: pictures.enumerated().map { Image(id: $0 + 1, file_name: $1.name, width: $1.width, height: $1.height) },
                           annotations: annotations, categories: names.enumerated().map { Category(id: $0 + 1, name: $1) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(doc)) ?? Data()
    }

    func voc(_ p: ExportPicture) -> Data {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var x = "<annotation>\n  <filename>\(esc(p.name))</filename>\n"
        x += "  <size><width>\(p.width)</width><height>\(p.height)</height><depth>3</depth></size>\n"
        for b in p.boxes {
            x += "  <object>\n    <name>\(esc(b.label ?? classes.first ?? "object"))</name>\n"
            x += "    <bndbox><xmin>\(b.x + 1)</xmin><ymin>\(b.y + 1)</ymin><xmax>\(b.x + b.w)</xmax><ymax>\(b.y + b.h)</ymax></bndbox>\n"
            x += "  </object>\n"
        }
        return Data((x + "</annotation>\n").utf8)
    }

    func yolo(_ p: ExportPicture, classes names: [String]) -> Data {
        let W = Double(p.width), H = Double(p.height)
        let lines = p.boxes.map { b in
            let c = b.label.flatMap { names.firstIndex(of: $0) } ?? 0
            return "\(c) \((b.x + b.w / 2) / W) \((b.y + b.h / 2) / H) \(b.w / W) \(b.h / H)"
        }
        return Data(lines.map { $0 + "\n" }.joined().utf8)
    }
}
