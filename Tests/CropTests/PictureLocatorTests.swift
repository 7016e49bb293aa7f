import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Pictures are found where annotation tools put them.
@Suite struct PictureLocatorTests {
    func mkdir(_ url: URL) throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    func picture(_ url: URL, seed: UInt64 = 1) throws {
        try writePNG(SyntheticImage.textured(width: 30, height: 20, seed: seed), to: url)
    }

    @Test func yoloLabelsBesideImagesFolder() throws {
        let tmp = TemporaryDirectory()
        try mkdir(tmp.path("ds/labels")); try mkdir(tmp.path("ds/images"))
        try picture(tmp.path("ds/images/p.png"))
        try Data("0 0.5 0.5 0.4 0.4\n".utf8).write(to: tmp.path("ds/labels/p.txt"))
        // Given the dataset folder itself: labels/ is found, images/ searched, the root is ds/.
        let (summary, log) = try crop(tmp.path("ds"), into: tmp.path("out"))
        #expect(log.failures.isEmpty, "\(log.failures)")
        #expect(summary.format == "yolo" && summary.crops == 1)
        #expect(try records(in: tmp.path("out"))["p_0"]?.provenance.source == "images/p.png")
    }

    @Test func vocAnnotationsBesideJPEGImages() throws {
        let tmp = TemporaryDirectory()
        try mkdir(tmp.path("VOC/Annotations")); try mkdir(tmp.path("VOC/JPEGImages"))
        try picture(tmp.path("VOC/JPEGImages/q.png"))
        try Data("<annotation><filename>q.png</filename><object><name>a</name><bndbox><xmin>2</xmin><ymin>2</ymin><xmax>11</xmax><ymax>11</ymax></bndbox></object></annotation>".utf8)
            .write(to: tmp.path("VOC/Annotations/q.xml"))
        let (summary, log) = try crop(tmp.path("VOC/Annotations"), into: tmp.path("out"))
        #expect(log.failures.isEmpty, "\(log.failures)")
        #expect(summary.crops == 1)
        let r = try #require(try records(in: tmp.path("out"))["q_0"])
        #expect(r.provenance.source == "JPEGImages/q.png")
        #expect(r.provenance.box == PixelBox(x: 1, y: 1, width: 10, height: 10))
    }

    @Test func imagesOptionIsSearchedFirst() throws {
        let tmp = TemporaryDirectory()
        try mkdir(tmp.path("ann")); try mkdir(tmp.path("elsewhere"))
        try picture(tmp.path("elsewhere/r.png"), seed: 2)
        try Data(#"{"images": [{"file": "r.png", "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}]}"#.utf8).write(to: tmp.path("ann/m.json"))
        let (missing, _) = try crop(tmp.path("ann/m.json"), into: tmp.path("out1"))
        #expect(missing.failed == 1 && missing.errors.first?.contains("picture not found") == true)
        let (found, _) = try crop(tmp.path("ann/m.json"), into: tmp.path("out2")) { $0.imagesFolder = tmp.path("elsewhere") }
        #expect(found.crops == 1 && found.failed == 0)
    }

    @Test func picturesSharingAStemGetDistinctNames() throws {
        let tmp = TemporaryDirectory()
        try mkdir(tmp.path("a")); try mkdir(tmp.path("b"))
        try picture(tmp.path("a/x.png"), seed: 3); try picture(tmp.path("b/x.png"), seed: 4)
        try Data(#"{"images": [{"file": "a/x.png", "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}, {"file": "b/x.png", "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}]}"#.utf8)
            .write(to: tmp.path("m.json"))
        let (summary, _) = try crop(tmp.path("m.json"), into: tmp.path("out"))
        #expect(summary.crops == 2)
        #expect(try Set(records(in: tmp.path("out")).keys) == ["a__x_png_0", "b__x_png_0"])
    }

    @Test func declaredSizeMismatchIsAWarning() throws {
        let tmp = TemporaryDirectory()
        try picture(tmp.path("s.png"))
        try Data(#"{"images": [{"file": "s.png", "width": 20, "height": 30, "boxes": [{"x": 1, "y": 1, "w": 5, "h": 5}]}]}"#.utf8)
            .write(to: tmp.path("m.json"))
        let (summary, log) = try crop(tmp.path("m.json"), into: tmp.path("out"))
        #expect(summary.crops == 1 && summary.failed == 0)
        #expect(log.warnings.contains { $0.contains("s.png: manifest says 20×30 but the picture is 30×20") })
    }
}
