import Foundation

/// Reads CreateML object-detection JSON: an array of
/// `{"image": "a.jpg", "annotations": [{"label": "x", "coordinates": {"x": cx, "y": cy, "width": w, "height": h}}]}`
/// where `x`, `y` are the box centre in pixels.
enum CreateMLParser {
    static func looksCreateML(_ root: JSONCursor) -> Bool {
        guard case .array(let items) = root.value, case .object(let first)? = items.first else { return false }
        return first["image"] != nil && first["annotations"] != nil && first["data"] == nil
    }

    static func parse(_ root: JSONCursor, file: URL) throws(CropError) -> ParsedManifest {
        var out = ParsedManifest(format: .createml)
        let items: [JSONCursor]
        do { items = try root.array() } catch { throw .manifestMalformed(path: file.path, detail: error.description) }
        for item in items {
            do throws(CropError) {
                let name = try item.field("image").string()
                var boxes: [ManifestBox] = []
                for a in try item.field("annotations").array() {
                    let c = try a.field("coordinates")
                    let cx = try c.field("x").number(), cy = try c.field("y").number()
                    let w = try c.field("width").number(), h = try c.field("height").number()
                    boxes.append(ManifestBox(geometry: .pixels(x: cx - w / 2, y: cy - h / 2, width: w, height: h),
                                             label: try a.optional("label")?.label()))
                }
                out.entries.append(ManifestEntry(picture: .path(name), annotationFile: file, boxes: boxes))
            } catch { out.problems.append(error) }
        }
        out.mergeDuplicates()
        return out
    }
}
