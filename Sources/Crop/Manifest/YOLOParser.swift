import Foundation

/// Reads YOLO txt annotations: one file per picture (same stem), one line per
/// box, `class cx cy w h` with centre and size normalised to [0, 1]; class
/// names come from `classes.txt` (beside the files or in their parent).
/// Picture sizes are read from the pictures themselves.
enum YOLOParser {
    static func parse(files: [URL], classes: [String]) -> ParsedManifest {
        var out = ParsedManifest(format: .yolo)
        for file in files {
            do { out.entries.append(try parse(file: file, classes: classes)) } catch { out.problems.append(error) }
        }
        return out
    }

    static func parse(file: URL, classes: [String]) throws(CropError) -> ManifestEntry {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw .entry(path: file.path, location: "(file)", message: "cannot read as UTF-8 text: \((error as NSError).localizedDescription)")
        }
        var boxes: [ManifestBox] = []
        // "\r\n" is one Character in Swift: split on any newline, and drop a UTF-8 BOM.
        let lines = text.drop { $0 == "\u{FEFF}" }.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (n, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count == 5 else {
                throw .entry(path: file.path, location: "line \(n + 1)", message: "expected `class cx cy w h`, found \(f.count) fields")
            }
            guard let cls = Int(f[0]), cls >= 0 else {
                throw .entry(path: file.path, location: "line \(n + 1)", message: "class \"\(f[0])\" is not a class index")
            }
            var v: [Double] = []
            for field in f[1...] {
                guard let d = Double(field) else {
                    throw .entry(path: file.path, location: "line \(n + 1)", message: "\"\(field)\" is not a number")
                }
                v.append(d)
            }
            if !classes.isEmpty && cls >= classes.count {
                throw .entry(path: file.path, location: "line \(n + 1)", message: "class \(cls) is not in classes.txt (\(classes.count) classes)")
            }
            let label = cls < classes.count ? classes[cls] : String(cls)
            boxes.append(ManifestBox(geometry: .fraction(x: v[0] - v[2] / 2, y: v[1] - v[3] / 2, width: v[2], height: v[3], rotation: 0),
                                     label: label))
        }
        return ManifestEntry(picture: .stem(file.deletingPathExtension().lastPathComponent), annotationFile: file, boxes: boxes)
    }

    /// Class names from `classes.txt` (or `obj.names`) in `folder` or its parent.
    static func classNames(near folder: URL) -> [String] {
        for dir in [folder, folder.deletingLastPathComponent()] {
            for name in ["classes.txt", "obj.names"] {
                if let t = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) {
                    return t.drop { $0 == "\u{FEFF}" }.split(whereSeparator: \.isNewline)
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                }
            }
        }
        return []
    }
}
