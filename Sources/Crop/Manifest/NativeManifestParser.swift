import Foundation

/// Reads dman's native manifest (`manifests/crop-manifest.schema.json`):
///
///     {"format": "dman-crop-manifest", "version": 1,
///      "images": [{"file": "a.jpg", "width": 640, "height": 480,
///                  "boxes": [{"x": 10, "y": 20, "w": 100, "h": 120, "label": "character"}]}]}
///
/// `format` and `version` may be omitted (the plain `boxes.json` form);
/// `width`/`height` are optional and only checked against the picture.
enum NativeManifestParser {
    static let formatTag = "dman-crop-manifest"
    static let currentVersion = 1

    static func looksNative(_ root: JSONCursor) -> Bool {
        guard let o = root.object else { return false }
        if case .string(let tag) = o["format"] ?? .null, tag == formatTag { return true }
        guard case .array(let images) = o["images"] ?? .null, o["annotations"] == nil else { return false }
        guard let first = images.first else { return true }
        if case .object(let e) = first { return e["file"] != nil || e["boxes"] != nil }
        return false
    }

    static func parse(_ root: JSONCursor, file: URL) throws(CropError) -> ParsedManifest {
        if let tag = try root.optional("format"), try tag.string() != formatTag {
            throw .manifestMalformed(path: file.path, detail: "format: expected \"\(formatTag)\"")
        }
        if let v = try root.optional("version"), try v.int() > currentVersion {
            throw .manifestMalformed(path: file.path, detail: "version: \(try v.int()) is newer than this dman understands (\(currentVersion))")
        }
        var out = ParsedManifest(format: .native)
        let images: [JSONCursor]
        do { images = try root.field("images").array() } catch { throw .manifestMalformed(path: file.path, detail: error.description) }
        for image in images {
            do throws(CropError) {
                let name = try image.field("file").string()
                let w = try image.optional("width")?.int(), h = try image.optional("height")?.int()
                var boxes: [ManifestBox] = []
                for b in try image.field("boxes").array() {
                    let geometry = BoxGeometry.pixels(x: try b.field("x").number(), y: try b.field("y").number(),
                                                      width: try b.field(anyOf: ["w", "width"]).number(),
                                                      height: try b.field(anyOf: ["h", "height"]).number())
                    boxes.append(ManifestBox(geometry: geometry, label: try b.optional("label")?.label()))
                }
                out.entries.append(ManifestEntry(picture: .path(name), annotationFile: file,
                                                 declaredWidth: w, declaredHeight: h, boxes: boxes))
            } catch {
                out.problems.append(error)
            }
        }
        out.mergeDuplicates()
        return out
    }
}
