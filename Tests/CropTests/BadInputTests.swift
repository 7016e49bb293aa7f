import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Every kind of bad input is reported on one line naming the file, and the
/// other items are still cropped.
@Suite struct BadInputTests {
    /// root/ with good.png, broken pictures, and a picture outside the root.
    func dataset() throws -> (TemporaryDirectory, URL) {
        let tmp = TemporaryDirectory()
        let root = tmp.path("root")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let good = SyntheticImage.textured(width: 40, height: 30, seed: 1)
        try writePNG(good, to: root.appendingPathComponent("good.png"))
        let png = try ImageCodec.pngData(good)
        try png.prefix(png.count / 2).write(to: root.appendingPathComponent("truncated.png"))
        try Data().write(to: root.appendingPathComponent("empty.png"))
        try Data("just some text, not a picture\n".utf8).write(to: root.appendingPathComponent("text.png"))
        try writePNG(SyntheticImage.textured(width: 20, height: 20, seed: 2), to: tmp.path("outside.png"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link.png"), withDestinationURL: tmp.path("outside.png"))
        return (tmp, root)
    }

    func write(_ json: String, to url: URL) throws { try Data(json.utf8).write(to: url) }

    @Test func eachBadItemIsOneLineAndTheRestIsCropped() throws {
        let (tmp, root) = try dataset()
        let outside = tmp.path("outside.png").path
        try write("""
        {"images": [
          {"file": "good.png", "boxes": [{"x": 2, "y": 2, "w": 10, "h": 10},
                                         {"x": 5, "y": 5, "w": 0, "h": 4},
                                         {"x": 5, "y": 5, "w": -3, "h": 4},
                                         {"x": "NaN", "y": 5, "w": 3, "h": 4},
                                         {"x": 35, "y": 5, "w": 20, "h": 4},
                                         {"x": 20, "y": 10, "w": 10, "h": 10}]},
          {"file": "missing.png", "boxes": [{"x": 1, "y": 1, "w": 2, "h": 2}]},
          {"file": "truncated.png", "boxes": [{"x": 1, "y": 1, "w": 2, "h": 2}]},
          {"file": "empty.png", "boxes": [{"x": 1, "y": 1, "w": 2, "h": 2}]},
          {"file": "text.png", "boxes": [{"x": 1, "y": 1, "w": 2, "h": 2}]},
          {"file": "../outside.png", "boxes": [{"x": 1, "y": 1, "w": 2, "h": 2}]},
          {"file": "\(outside)", "boxes": [{"x": 1, "y": 1, "w": 2, "h": 2}]},
          {"file": "link.png", "boxes": [{"x": 1, "y": 1, "w": 2, "h": 2}]},
          {"file": "good.png", "boxes": [{"x": true, "y": 1, "w": 2, "h": 2}]},
          {"boxes": []}
        ]}
        """, to: root.appendingPathComponent("m.json"))
        let (summary, log) = try crop(root.appendingPathComponent("m.json"), into: tmp.path("out"))
        let lines = log.failures
        // Each failure is the library's typed error, not only its text.
        #expect(!log.failureErrors.isEmpty && log.failureErrors.allSatisfy { $0 is CropError })
        func has(_ parts: String...) -> Bool { lines.contains { line in parts.allSatisfy { line.contains($0) } } }
        #expect(has("good.png: box 1", "w=0", "empty"))
        #expect(has("good.png: box 2", "w=-3", "negative"))
        #expect(has("good.png: box 3", "x=nan", "not a number"))
        #expect(has("good.png: box 4", "x=35 y=5 w=20 h=4", "outside the 40×30 picture", "(use clip to clip it)"))
        #expect(has("missing.png", "picture not found"))
        #expect(has("truncated.png", "not a readable picture"))
        #expect(has("empty.png", "empty file (0 bytes)"))
        #expect(has("text.png", "not a PNG, JPEG"))
        #expect(has("../outside.png", "escapes the dataset root"))
        #expect(has(outside, "absolute path"))
        #expect(has("link.png", "symbolic link"))
        #expect(has("m.json", "images[8].boxes[0].x", "expected a number"))
        #expect(has("m.json", "images[9].file", "required field is missing"))
        #expect(lines.count == 13, "\(lines)")
        #expect(lines.allSatisfy { !$0.contains("\n") })
        // The library names CropOptions fields; only the CLI turns them into flags.
        #expect(lines.allSatisfy { !$0.contains("--") }, "\(lines)")
        #expect(has("../outside.png", "(use allowOutside)") && has("link.png", "(use allowOutside)"))
        #expect(summary.failed == 13 && summary.crops == 2)
        #expect(try Set(records(in: tmp.path("out")).keys) == ["good_0", "good_5"])
        // Inputs are never modified.
        #expect(try Data(contentsOf: root.appendingPathComponent("empty.png")).isEmpty)
    }

    @Test func clipClipsAndAllowOutsideAccepts() throws {
        let (tmp, root) = try dataset()
        try write(#"{"images": [{"file": "good.png", "boxes": [{"x": 35, "y": 5, "w": 20, "h": 4}]}, {"file": "../outside.png", "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}, {"file": "link.png", "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}]}"#,
                  to: root.appendingPathComponent("m.json"))
        let (summary, log) = try crop(root.appendingPathComponent("m.json"), into: tmp.path("out")) { $0.clip = true; $0.allowOutside = true }
        #expect(log.failures.isEmpty, "\(log.failures)")
        #expect(summary.crops == 3)
        let recs = try records(in: tmp.path("out"))
        #expect(recs["good_0"]?.provenance.box == PixelBox(x: 35, y: 5, width: 5, height: 4))
        #expect(recs["outside_0"]?.provenance.source == tmp.path("outside.png").standardizedFileURL.resolvingSymlinksInPath().path)
    }

    @Test func rootOptionWidensTheConfinement() throws {
        let (tmp, root) = try dataset()
        try write(#"{"images": [{"file": "../outside.png", "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}]}"#, to: root.appendingPathComponent("m.json"))
        let (summary, _) = try crop(root.appendingPathComponent("m.json"), into: tmp.path("out")) { $0.root = tmp.url }
        #expect(summary.crops == 1 && summary.failed == 0)
        #expect(try records(in: tmp.path("out"))["outside_0"]?.provenance.source == "outside.png")
    }

    @Test func picturesAboveTheAreaCapAreRefused() throws {
        let (tmp, root) = try dataset()
        try write(#"{"images": [{"file": "good.png", "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}]}"#, to: root.appendingPathComponent("m.json"))
        let (summary, log) = try crop(root.appendingPathComponent("m.json"), into: tmp.path("out")) { $0.maxPixels = 1000 }
        #expect(summary.failed == 1 && summary.crops == 0)
        #expect(log.failures.first?.contains("good.png: 40×30 pixels is above the pixel-area cap of 1000") == true)
    }

    @Test func strictStopsAtTheFirstError() throws {
        let (tmp, root) = try dataset()
        try write(#"{"images": [{"file": "missing.png", "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}, {"file": "good.png", "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}]}"#,
                  to: root.appendingPathComponent("m.json"))
        let (summary, log) = try crop(root.appendingPathComponent("m.json"), into: tmp.path("out")) { $0.strict = true }
        #expect(log.failures.count == 1 && summary.failed == 1)
        #expect(summary.stoppedEarly && summary.crops == 0)
    }

    @Test func malformedManifestsNameTheFileAndPlace() throws {
        let tmp = TemporaryDirectory()
        try write("{\"images\": [\n  {\"file\": \"a.png\", \"boxes\": [ {\"x\": 1,, }]}\n]}", to: tmp.path("bad.json"))
        #expect { try CropManifest.load(tmp.path("bad.json")) } throws: { error in
            "\(error)".contains("bad.json: malformed JSON at line 2, column") 
        }
        try write("", to: tmp.path("empty.json"))
        #expect { try CropManifest.load(tmp.path("empty.json")) } throws: { "\($0)".contains("empty.json: empty file") }
        try write(#"{"something": 1}"#, to: tmp.path("odd.json"))
        #expect { try CropManifest.load(tmp.path("odd.json")) } throws: { "\($0)".contains("unknown manifest format") }
        #expect { try CropManifest.load(tmp.path("nope.json")) } throws: { "\($0)".contains("no such file") }
        try write(#"{"format": "dman-crop-manifest", "version": 9, "images": []}"#, to: tmp.path("v9.json"))
        #expect { try CropManifest.load(tmp.path("v9.json")) } throws: { "\($0)".contains("version: 9 is newer") }
        // COCO: a bbox of the wrong length names its JSON path; the other annotation is kept.
        try write(#"{"images": [{"id": 1, "file_name": "a.png"}], "annotations": [{"image_id": 1, "bbox": [1, 2, 3]}, {"image_id": 1, "bbox": [1, 2, 3, 4]}, {"image_id": 5, "bbox": [1, 2, 3, 4]}]}"#,
                  to: tmp.path("coco.json"))
        let coco = try CropManifest.load(tmp.path("coco.json")).parsed
        #expect(coco.entries.first?.boxes.count == 1)
        #expect(coco.problems.map(\.description) == [
            "\(tmp.path("coco.json").path): annotations[0].bbox: expected [x, y, width, height], found 3 numbers",
            "\(tmp.path("coco.json").path): annotations[2]: image_id 5 is not in images",
        ])
    }

    @Test func badVOCAndYOLOFilesNameTheirLine() throws {
        let tmp = TemporaryDirectory()
        let voc = tmp.path("voc"), yolo = tmp.path("yolo")
        try FileManager.default.createDirectory(at: voc, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: yolo, withIntermediateDirectories: true)
        try write("<annotation>\n<filename>a.png</filename>\n<object><bndbox><xmin>1</xmin></object>\n</annotation>", to: voc.appendingPathComponent("a.xml"))
        try write("<annotation><filename>b.png</filename><object><name>x</name><bndbox><xmin>1</xmin><ymin>q</ymin><xmax>3</xmax><ymax>4</ymax></bndbox></object></annotation>",
                  to: voc.appendingPathComponent("b.xml"))
        try write("<annotation>\n<filename>c.png</filename>\n<object><name>x</name", to: voc.appendingPathComponent("c.xml"))
        let v = try CropManifest.load(voc).parsed
        #expect(v.problems.count == 3)
        #expect(v.problems[0].description.contains("a.xml: line 3, column 40: not well-formed XML: closing tag does not match"))
        #expect(v.problems[1].description.contains("b.xml: line 1: object[0].bndbox.ymin: expected a number"))
        #expect(v.problems[2].description.contains("c.xml: line 3, column 22: not well-formed XML"), "\(v.problems[2])")
        try write("0 0.5 0.5 0.2 0.2\n0 0.5 nan 0.2\n", to: yolo.appendingPathComponent("a.txt"))
        try write("3 0.5 0.5 0.2 0.2\n", to: yolo.appendingPathComponent("b.txt"))
        try write("cat\n", to: yolo.appendingPathComponent("classes.txt"))
        let y = try CropManifest.load(yolo).parsed
        #expect(y.problems.map(\.description).contains { $0.contains("a.txt: line 2: expected `class cx cy w h`, found 4 fields") })
        #expect(y.problems.map(\.description).contains { $0.contains("b.txt: line 1: class 3 is not in classes.txt") })
    }

    @Test func yoloNaNBoxIsRefusedWithItsCoordinates() throws {
        let tmp = TemporaryDirectory()
        try FileManager.default.createDirectory(at: tmp.path("yolo"), withIntermediateDirectories: true)
        try writePNG(SyntheticImage.textured(width: 20, height: 20, seed: 3), to: tmp.path("p.png"))
        try write("0 nan 0.5 0.2 0.2\n0 0.5 0.5 0.2 0.2\n", to: tmp.path("yolo/p.txt"))
        let (summary, log) = try crop(tmp.path("yolo"), into: tmp.path("out"))
        #expect(summary.crops == 1 && summary.failed == 1)
        #expect(log.failures.first?.hasPrefix("p.png: box 0 x=nan") == true)
    }

    @Test func outputFolderThatIsNotACropDatasetIsRefused() throws {
        let tmp = TemporaryDirectory()
        let out = tmp.path("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try write("keep me", to: out.appendingPathComponent("notes.txt"))
        #expect { try crop(Fixtures.path("formats/boxes.json"), into: out) } throws: { "\($0)".contains("is not empty and has no dataset.json") }
        try DatasetFolder(tmp.path("aug")).create()
        try DatasetFolder(tmp.path("aug")).save(DatasetDocument(stage: "augment"))
        #expect { try crop(Fixtures.path("formats/boxes.json"), into: tmp.path("aug")) } throws: { "\($0)".contains("holds a \"augment\" dataset") }
        #expect(try Data(contentsOf: out.appendingPathComponent("notes.txt")) == Data("keep me".utf8))
    }
}
