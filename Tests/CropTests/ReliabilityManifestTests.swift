import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 8, manifests: hostile manifests in every format give one line naming
/// the file (and place) or parse cleanly; nothing traps.
@Suite struct ReliabilityManifestTests {
    func write(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

    /// tmp/ with p.png (40×30).
    func root() throws -> TemporaryDirectory {
        let tmp = TemporaryDirectory("dman-rel-manifest")
        try writePNG(SyntheticImage.textured(width: 40, height: 30, seed: 4), to: tmp.path("p.png"))
        return tmp
    }

    @Test func hugeAndInfiniteCoordinatesAreRefusedPerBox() throws {
        let tmp = try root()
        try write("""
        {"images": [{"file": "p.png", "boxes": [
          {"x": 1e300, "y": 1, "w": 1e300, "h": 2}, {"x": -1e300, "y": 1, "w": 4, "h": 4},
          {"x": 1, "y": 1, "w": 9.3e18, "h": 9.3e18}, {"x": -1e-300, "y": 1, "w": 2, "h": 2},
          {"x": 1, "y": 1, "w": 4, "h": 4}]}]}
        """, to: tmp.path("m.json"))
        for clip in [false, true] {
            let out = tmp.path("out-\(clip)")
            let (summary, log) = try crop(tmp.path("m.json"), into: out) { $0.clip = clip }
            #expect(summary.crops >= 1, "\(log.failures)")
            #expect(summary.crops + summary.failed == 5, "clip=\(clip): \(log.failures)")
            #expect(log.failures.allSatisfy { $0.hasPrefix("p.png: box ") && !$0.contains("\n") }, "\(log.failures)")
        }
        // A number beyond Double (JSON has no Infinity) makes the whole file malformed: one line.
        try write(#"{"images": [{"file": "p.png", "boxes": [{"x": 1e400, "y": 1, "w": 2, "h": 2}]}]}"#, to: tmp.path("inf.json"))
        #expect { try CropManifest.load(tmp.path("inf.json")) } throws: { error in
            let s = "\(error)"; return s.contains("inf.json") && s.contains("1e400") && !s.contains("\n")
        }
        try write(#"{"images": [{"file": "p.png", "boxes": [{"x": Infinity, "y": 1, "w": 2, "h": 2}]}]}"#, to: tmp.path("inf2.json"))
        #expect { try CropManifest.load(tmp.path("inf2.json")) } throws: { "\($0)".contains("inf2.json: malformed JSON at line 1") }
    }

    @Test func hugeFractionsInYOLOAndLabelStudioAreRefusedPerBox() throws {
        let tmp = try root()
        try FileManager.default.createDirectory(at: tmp.path("labels"), withIntermediateDirectories: true)
        try write("0 1e300 0.5 1e300 0.2\n0 0.5 0.5 -1e308 0.2\n0 0.5 0.5 0.5 0.5\n", to: tmp.path("labels/p.txt"))
        let (y, ylog) = try crop(tmp.path("labels"), into: tmp.path("out-yolo"))
        #expect(y.crops == 1 && y.failed == 2, "\(ylog.failures)")
        try write("""
        [{"data": {"image": "p.png"}, "annotations": [{"result": [
          {"type": "rectanglelabels", "original_width": 40, "original_height": 30,
           "value": {"x": 1e300, "y": 10, "width": 1e300, "height": 10, "rotation": 1e300, "rectanglelabels": ["a"]}},
          {"type": "rectanglelabels", "original_width": 40, "original_height": 30,
           "value": {"x": 10, "y": 10, "width": 50, "height": 50, "rotation": 45, "rectanglelabels": ["a"]}}]}]}]
        """, to: tmp.path("ls.json"))
        let (l, llog) = try crop(tmp.path("ls.json"), into: tmp.path("out-ls")) { $0.clip = true }
        #expect(l.crops + l.failed == 2 && l.crops >= 1, "\(llog.failures)")
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let tmp = try root()
        let json = #"{"images": [{"file": "p.png", "boxes": [{"x": 1, "y": 1, "w": 8, "h": 8}]}]}"#
            .replacingOccurrences(of: ", ", with: ",\r\n")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(json.utf8)).write(to: tmp.path("bom.json"))
        #expect(try CropManifest.load(tmp.path("bom.json")).parsed.entries.first?.boxes.count == 1)
        try FileManager.default.createDirectory(at: tmp.path("labels"), withIntermediateDirectories: true)
        try (Data([0xEF, 0xBB, 0xBF]) + Data("0 0.5 0.5 0.2 0.2\r\n1 0.25 0.25 0.1 0.1\r\n".utf8)).write(to: tmp.path("labels/p.txt"))
        try Data("cat\r\ndog\r\n".utf8).write(to: tmp.path("labels/classes.txt"))
        let yolo = try CropManifest.load(tmp.path("labels")).parsed
        #expect(yolo.problems.isEmpty, "\(yolo.problems)")
        #expect(yolo.entries.first?.boxes.map(\.label) == ["cat", "dog"])
        try FileManager.default.createDirectory(at: tmp.path("Annotations"), withIntermediateDirectories: true)
        try (Data([0xEF, 0xBB, 0xBF]) + Data("<annotation>\r\n<filename>p.png</filename>\r\n<object><name>a</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>9</ymax></bndbox></object>\r\n</annotation>\r\n".utf8))
            .write(to: tmp.path("Annotations/p.xml"))
        let voc = try CropManifest.load(tmp.path("Annotations")).parsed
        #expect(voc.problems.isEmpty && voc.entries.first?.boxes.count == 1, "\(voc.problems)")
    }

    @Test func nonUTF8IsOneLineNamingTheFile() throws {
        let tmp = try root()
        var bytes = Data(#"{"images": [{"file": "p"#.utf8)
        bytes += Data([0xFF, 0xFE])
        bytes += Data(#".png", "boxes": [{"x": 1, "y": 1, "w": 8, "h": 8}]}]}"#.utf8)
        try bytes.write(to: tmp.path("bad.json"))
        #expect { try CropManifest.load(tmp.path("bad.json")) } throws: { error in
            let s = "\(error)"; return s.contains("bad.json") && !s.contains("\n")
        }
        // A YOLO label file whose own name is not UTF-8: reported or skipped, never a trap.
        let labels = tmp.path("labels")
        try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: true)
        let raw: [CChar] = Array("\(labels.path)/q".utf8CString.dropLast()) + [CChar(bitPattern: 0xFF), 0x2E, 0x74, 0x78, 0x74, 0]
        let fd = open(raw, O_CREAT | O_WRONLY, 0o644); #expect(fd >= 0); close(fd)
        try write("0 0.5 0.5 0.2 0.2\n", to: labels.appendingPathComponent("p.txt"))
        let (summary, log) = try crop(labels, into: tmp.path("out"))
        #expect(summary.crops == 1, "\(log.failures)")
    }

    /// 100,000 boxes parse, in time linear in their count: the parse of 10× the boxes
    /// may take at most 30× as long, measured in the same run (a quadratic step would
    /// take ≈ 100×). A ratio, not a wall-clock limit, so a loaded machine does not fail it.
    @Test func oneHundredThousandBoxesParseInLinearTime() throws {
        let tmp = try root()
        func parse(_ count: Int) throws -> Double {
            var json = #"{"images": [{"file": "p.png", "boxes": ["#
            json += (0..<count).map { #"{"x": \#($0 % 30), "y": 1, "w": 4, "h": 4}"# }.joined(separator: ",")
            json += "]}]}"
            try write(json, to: tmp.path("many-\(count).json"))
            let start = Date()
            let m = try CropManifest.load(tmp.path("many-\(count).json"))
            let seconds = Date().timeIntervalSince(start)
            #expect(m.parsed.entries.first?.boxes.count == count)
            return seconds
        }
        _ = try parse(1_000)   // warm-up: first-call costs stay out of the ratio
        let small = try parse(10_000), large = try parse(100_000)
        print("boxes parse: 10k in \(small) s, 100k in \(large) s")
        #expect(large < 30 * max(small, 0.01), "100k boxes took \(large) s, 10k \(small) s")
    }

    @Test func duplicateIdsAndWrongTypesNameTheirPlace() throws {
        let tmp = try root()
        try write(#"{"images": [{"id": 1, "file_name": "p.png"}, {"id": 1, "file_name": "other.png"}], "annotations": [{"image_id": 1, "bbox": [1, 1, 4, 4]}]}"#,
                  to: tmp.path("coco.json"))
        let coco = try CropManifest.load(tmp.path("coco.json")).parsed
        #expect(coco.problems.contains { "\($0)".contains("coco.json: images[1]") && "\($0)".contains("1") }, "\(coco.problems)")
        for (name, text) in [("t1.json", #"{"images": "p.png"}"#), ("t2.json", #"{"images": [{"file": 3, "boxes": {}}]}"#),
                             ("t3.json", #"{"images": [], "annotations": 7}"#), ("t4.json", "[1, 2, 3]"),
                             ("t5.json", "null"), ("t6.json", #"{"images": [{"file": "p.png", "boxes": [{"x": 1, "y": 1, "w": 4, "h": 4}"#)] {
            try write(text, to: tmp.path(name))
            do {
                let m = try CropManifest.load(tmp.path(name)).parsed
                #expect(!m.problems.isEmpty, "\(name) parsed without a problem")
                #expect(m.problems.allSatisfy { "\($0)".contains(name) })
            } catch {
                #expect("\(error)".contains(name) && !"\(error)".contains("\n"), "\(error)")
            }
        }
    }
}

/// VOC files that are not UTF-8 (FoundationXML trapped on such tag names).
@Suite struct ReliabilityVOCEncodingTests {
    @Test func nonUTF8TagNameIsOneLineAndLatin1DeclaredIsRead() throws {
        let tmp = TemporaryDirectory("dman-rel-voc")
        try FileManager.default.createDirectory(at: tmp.path("Annotations"), withIntermediateDirectories: true)
        var bad = Data("<annotation>\n<fil".utf8); bad.append(0xE5)
        bad += Data("ename>p.png</filename>\n</annotation>\n".utf8)
        try bad.write(to: tmp.path("Annotations/a.xml"))
        var latin = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<annotation><filename>caf".utf8); latin.append(0xE9)
        latin += Data(".png</filename><object><name>x</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object></annotation>".utf8)
        try latin.write(to: tmp.path("Annotations/b.xml"))
        let parsed = try CropManifest.load(tmp.path("Annotations")).parsed
        #expect(parsed.problems.map(\.description) == ["\(tmp.path("Annotations/a.xml").path): line 2: not valid UTF-8 text (save it as UTF-8 or declare its encoding)"])
        #expect(parsed.entries.map(\.picture.display) == ["café.png"])
    }
}
