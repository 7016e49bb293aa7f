import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads Pascal VOC XML annotations (one file per picture):
/// `<annotation><filename>a.jpg</filename><size><width/><height/></size>
/// <object><name/><bndbox><xmin/><ymin/><xmax/><ymax/></bndbox></object></annotation>`.
///
/// VOC corners are 1-based and inclusive (as in the VOC devkit), so
/// `x = xmin - 1` and `width = xmax - xmin + 1`.
enum VOCParser {
    static func parse(files: [URL]) -> ParsedManifest {
        var out = ParsedManifest(format: .voc)
        for file in files {
            do { out.entries.append(try parse(file: file)) } catch { out.problems.append(error) }
        }
        return out
    }

    static func parse(file: URL) throws(CropError) -> ManifestEntry {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw .entry(path: file.path, location: "(file)", message: "cannot read: \((error as NSError).localizedDescription)")
        }
        // FoundationXML on Linux traps on a tag name that is not valid UTF-8
        // (found by bench/fuzz), so such a file is refused before parsing
        // unless its XML declaration names another encoding.
        if let line = firstInvalidUTF8Line(data), !declaresOtherEncoding(data) {
            throw .entry(path: file.path, location: "line \(line)", message: "not valid UTF-8 text (save it as UTF-8 or declare its encoding)")
        }
        let collector = VOCCollector(path: file.path)
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        // On Linux `parse()` may return true after recovering from an error,
        // so the delegate's first reported error decides.
        let ok = parser.parse()
        if let syntax = collector.syntaxError ?? (ok ? nil : (parser.lineNumber, parser.columnNumber, (parser.parserError as NSError?)?.code ?? 0)) {
            throw .entry(path: file.path, location: "line \(syntax.line), column \(syntax.column)",
                         message: "not well-formed XML: \(Self.explain(syntax.code))")
        }
        if let problem = collector.problem { throw problem }
        let stem = file.deletingPathExtension().lastPathComponent
        let picture: PictureReference = collector.filename.map { .anyOf([$0, stem]) } ?? .stem(stem)
        return ManifestEntry(picture: picture, annotationFile: file,
                             declaredWidth: collector.width, declaredHeight: collector.height, boxes: collector.boxes)
    }

    /// The line of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidUTF8Line(_ data: Data) -> Int? {
        var line = 1, it = data.makeIterator(), decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): if s == "\n" { line += 1 }
            case .emptyInput: return nil
            case .error: return line
            }
        }
    }

    /// Whether the XML declaration names an encoding other than UTF-8.
    static func declaresOtherEncoding(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(200), as: UTF8.self).lowercased()
        guard head.hasPrefix("<?xml"), let r = head.range(of: "encoding=") else { return false }
        let value = head[r.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }
        return !value.isEmpty && value != "utf-8" && value != "utf8"
    }

    /// Words for the `XMLParser.ErrorCode`s malformed files usually raise.
    static func explain(_ code: Int) -> String {
        switch code {
        case 4: return "empty document"
        case 5: return "document ends early"
        case 9: return "invalid character"
        case 38, 39, 40, 41: return "malformed attribute"
        case 73: return "'>' expected"
        case 76: return "closing tag does not match the open one"
        case 89: return "entity references loop or expand too far (refused)"
        default: return "parser error \(code)"
        }
    }
}

/// Collects the fields of one VOC document while `XMLParser` walks it.
private final class VOCCollector: NSObject, XMLParserDelegate {
    let path: String
    var stack: [String] = []
    var text = ""
    var filename: String?
    var width: Int?
    var height: Int?
    var boxes: [ManifestBox] = []
    var problem: CropError?
    var syntaxError: (line: Int, column: Int, code: Int)?
    private var name: String?
    private var corners: [String: Double] = [:]
    private var objectIndex = -1

    init(path: String) { self.path = path }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        stack.append(element)
        text = ""
        if element == "object" { objectIndex += 1; name = nil; corners = [:] }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if syntaxError == nil { syntaxError = (parser.lineNumber, parser.columnNumber, (parseError as NSError).code) }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = stack.count >= 2 ? stack[stack.count - 2] : ""
        switch (parent, element) {
        case ("annotation", "filename"): filename = value.isEmpty ? nil : value
        case ("size", "width"): width = Int(value)
        case ("size", "height"): height = Int(value)
        case ("object", "name"): name = value
        case ("bndbox", "xmin"), ("bndbox", "ymin"), ("bndbox", "xmax"), ("bndbox", "ymax"):
            if let v = Double(value) { corners[element] = v } else {
                fail(parser, "object[\(objectIndex)].bndbox.\(element)", "expected a number, found \"\(value.prefix(30))\"")
            }
        case (_, "object"):
            if let x0 = corners["xmin"], let y0 = corners["ymin"], let x1 = corners["xmax"], let y1 = corners["ymax"] {
                boxes.append(ManifestBox(geometry: .pixels(x: x0 - 1, y: y0 - 1, width: x1 - x0 + 1, height: y1 - y0 + 1),
                                         label: name))
            } else if problem == nil {
                let missing = ["xmin", "ymin", "xmax", "ymax"].filter { corners[$0] == nil }
                fail(parser, "object[\(objectIndex)].bndbox", "missing \(missing.joined(separator: ", "))")
            }
        default: break
        }
        text = ""
        stack.removeLast()
    }

    private func fail(_ parser: XMLParser, _ location: String, _ message: String) {
        if problem == nil { problem = .entry(path: path, location: "line \(parser.lineNumber): " + location, message: message) }
    }
}
