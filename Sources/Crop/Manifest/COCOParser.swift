import Foundation

/// Reads COCO instances JSON: `images[{id, file_name, width, height}]`,
/// `annotations[{image_id, bbox: [x, y, w, h], category_id}]`, `categories[{id, name}]`.
///
/// Boxes keep the order of `annotations`; images without annotations are kept
/// (they yield no crops).
enum COCOParser {
    static func looksCOCO(_ root: JSONCursor) -> Bool {
        guard let o = root.object, case .array = o["images"] ?? .null, case .array = o["annotations"] ?? .null else { return false }
        return true
    }

    static func parse(_ root: JSONCursor, file: URL) throws(CropError) -> ParsedManifest {
        var out = ParsedManifest(format: .coco)
        var categories: [Int: String] = [:]
        if let cats = try root.optional("categories") {
            for c in try cats.array() {
                do { categories[try c.field("id").int()] = try c.field("name").label() } catch { out.problems.append(error) }
            }
        }
        var byID: [Int: Int] = [:]
        let images: [JSONCursor], annotations: [JSONCursor]
        do {
            images = try root.field("images").array()
            annotations = try root.field("annotations").array()
        } catch { throw .manifestMalformed(path: file.path, detail: error.description) }
        for image in images {
            do throws(CropError) {
                let id = try image.field("id").int()
                let entry = ManifestEntry(picture: .path(try image.field("file_name").string()), annotationFile: file,
                                          declaredWidth: try image.optional("width")?.int(),
                                          declaredHeight: try image.optional("height")?.int(), boxes: [])
                if byID[id] != nil { throw image.fail("duplicate image id \(id)") }
                byID[id] = out.entries.count
                out.entries.append(entry)
            } catch { out.problems.append(error) }
        }
        for a in annotations {
            do throws(CropError) {
                let imageID = try a.field("image_id").int()
                guard let i = byID[imageID] else { throw a.fail("image_id \(imageID) is not in images") }
                let bbox = try a.field("bbox")
                let v = try bbox.array()
                guard v.count == 4 else { throw bbox.fail("expected [x, y, width, height], found \(v.count) numbers") }
                var label: String?
                if let c = try a.optional("category_id") { let id = try c.int(); label = categories[id] ?? String(id) }
                out.entries[i].boxes.append(ManifestBox(
                    geometry: .pixels(x: try v[0].number(), y: try v[1].number(), width: try v[2].number(), height: try v[3].number()),
                    label: label))
            } catch { out.problems.append(error) }
        }
        return out
    }
}
