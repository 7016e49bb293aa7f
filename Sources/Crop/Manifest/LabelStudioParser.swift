import Foundation

/// Reads a Label Studio JSON export: an array of tasks
/// `{"data": {"image": URL}, "annotations": [{"result": [{"type": "rectanglelabels",
/// "value": {"x", "y", "width", "height", "rotation", "rectanglelabels": [name]}}]}]}`.
///
/// `x`, `y`, `width`, `height` are percentages of the picture, top-left;
/// `rotation` turns the box clockwise about its top-left corner, and such a
/// box becomes its axis-aligned envelope. Older exports say `completions`
/// instead of `annotations`; cancelled annotations are skipped.
enum LabelStudioParser {
    static func looksLabelStudio(_ root: JSONCursor) -> Bool {
        guard case .array(let items) = root.value, case .object(let first)? = items.first else { return false }
        return first["data"] != nil && (first["annotations"] != nil || first["completions"] != nil)
    }

    static func parse(_ root: JSONCursor, file: URL) throws(CropError) -> ParsedManifest {
        var out = ParsedManifest(format: .labelstudio)
        let tasks: [JSONCursor]
        do { tasks = try root.array() } catch { throw .manifestMalformed(path: file.path, detail: error.description) }
        for task in tasks {
            do throws(CropError) {
                let url = try task.field("data").field("image").string()
                var boxes: [ManifestBox] = []
                var annotations: JSONCursor
                if let a = try task.optional("annotations") { annotations = a } else { annotations = try task.field("completions") }
                for annotation in try annotations.array() {
                    if case .bool(true)? = annotation.object?["was_cancelled"] { continue }
                    for r in try annotation.field("result").array() {
                        if let type = try r.optional("type") {
                            let t = try type.string()
                            if t != "rectanglelabels" && t != "rectangle" { continue }
                        }
                        let v = try r.field("value")
                        let label = try v.optional("rectanglelabels")?.array().first?.label()
                        boxes.append(ManifestBox(geometry: .fraction(
                            x: try v.field("x").number() / 100, y: try v.field("y").number() / 100,
                            width: try v.field("width").number() / 100, height: try v.field("height").number() / 100,
                            rotation: try v.optional("rotation")?.number() ?? 0), label: label))
                    }
                }
                out.entries.append(ManifestEntry(picture: .anyOf(candidateNames(url)), annotationFile: file, boxes: boxes))
            } catch { out.problems.append(error) }
        }
        out.mergeDuplicates()
        return out
    }

    /// Local names a Label Studio image URL may stand for: the `?d=` path of
    /// local-file storage, the upload name, and the upload name without the
    /// 8-character prefix Label Studio adds (`1a2b3c4d-photo.jpg`).
    static func candidateNames(_ url: String) -> [String] {
        if let r = url.range(of: "?d=") {
            let p = String(url[r.upperBound...])
            return [p.removingPercentEncoding ?? p]
        }
        var names: [String] = []
        let last = String(url.split(separator: "/").last ?? Substring(url))
        let decoded = last.removingPercentEncoding ?? last
        if !url.contains("://") && !url.hasPrefix("/data/") { names.append(url) }
        names.append(decoded)
        if let dash = decoded.firstIndex(of: "-"), decoded.distance(from: decoded.startIndex, to: dash) == 8 {
            names.append(String(decoded[decoded.index(after: dash)...]))
        }
        return names
    }
}
