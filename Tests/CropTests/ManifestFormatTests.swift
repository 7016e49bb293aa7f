import Crop
import DmanCore
import Foundation
import Testing

/// Every supported format, hand-written for the same pictures and boxes,
/// must normalise to the same pixel boxes.
@Suite struct ManifestFormatTests {
    /// Picture → [(x, y, w, h, label)] as written in Fixtures/README.md.
    static let expected: [String: [(PixelBox, String)]] = [
        "a.png": [(PixelBox(x: 5, y: 4, width: 10, height: 12), "cat"), (PixelBox(x: 20, y: 10, width: 15, height: 18), "dog")],
        "b.png": [(PixelBox(x: 0, y: 0, width: 30, height: 25), "cat")],
    ]
    static let sizes = ["a.png": (40, 30), "b.png": (30, 50)]

    static let cases: [(String, ManifestFormat)] = [
        ("formats/boxes.json", .native), ("formats/coco.json", .coco), ("formats/voc", .voc), ("formats/yolo", .yolo),
        ("formats/createml.json", .createml), ("formats/labelstudio.json", .labelstudio),
    ]

    @Test(arguments: cases)
    func parsesToTheSameBoxes(path: String, format: ManifestFormat) throws {
        let manifest = try CropManifest.load(Fixtures.path(path))
        #expect(manifest.parsed.format == format)
        #expect(manifest.parsed.problems.isEmpty)
        let locator = PictureLocator(root: manifest.root)
        var seen: [String: [(PixelBox, String)]] = [:]
        for entry in manifest.parsed.entries {
            let (url, recorded) = try locator.locate(entry)
            #expect(recorded == url.lastPathComponent, "pictures sit in the dataset root")
            let (w, h) = try #require(Self.sizes[recorded])
            seen[recorded] = try entry.boxes.map { b in
                (try BoxResolver.resolve(b.geometry, width: w, height: h, clip: false), b.label ?? "")
            }
        }
        #expect(Set(seen.keys) == Set(Self.expected.keys))
        for (name, boxes) in Self.expected {
            let got = try #require(seen[name])
            #expect(got.map(\.0) == boxes.map(\.0), "\(format) \(name)")
            #expect(got.map(\.1) == boxes.map(\.1), "\(format) \(name) labels")
        }
    }

    @Test func rootOfAnAnnotationFolderIsItsParent() throws {
        let voc = try CropManifest.load(Fixtures.path("formats/voc"))
        #expect(voc.root.standardizedFileURL.path == Fixtures.path("formats").standardizedFileURL.path)
        let single = try CropManifest.load(Fixtures.path("formats/yolo/a.txt"))
        #expect(single.parsed.format == .yolo)
        #expect(single.root.standardizedFileURL.path == Fixtures.path("formats").standardizedFileURL.path)
        let json = try CropManifest.load(Fixtures.path("formats/coco.json"))
        #expect(json.root.standardizedFileURL.path == Fixtures.path("formats").standardizedFileURL.path)
    }

    @Test func forcedFormatOverridesDetection() throws {
        // COCO content forced through the native reader has no `file` fields: every entry is a problem.
        let forced = try CropManifest.load(Fixtures.path("formats/coco.json"), format: .native)
        #expect(forced.parsed.format == .native)
        #expect(forced.parsed.entries.isEmpty)
        #expect(forced.parsed.problems.count == 2)
        #expect(forced.parsed.problems.first?.description.contains("images[0].file") == true)
    }

    @Test func labelStudioRotatedBoxBecomesItsEnvelope() throws {
        // A 20×10 px box at (10, 10) turned 90° clockwise about its top-left
        // corner covers x 0…10, y 10…30 in a 100×100 picture.
        let g = BoxGeometry.fraction(x: 0.1, y: 0.1, width: 0.2, height: 0.1, rotation: 90)
        let b = try BoxResolver.resolve(g, width: 100, height: 100, clip: false)
        #expect(b == PixelBox(x: 0, y: 10, width: 10, height: 20))
        // 45° envelope of a 10×10 square: width and height 10·√2.
        let d = try BoxResolver.resolve(.fraction(x: 0.5, y: 0.1, width: 0.1, height: 0.1, rotation: 45),
                                        width: 100, height: 100, clip: false)
        #expect(abs(d.width - 10 * 2.0.squareRoot()) < 1e-9 && abs(d.height - d.width) < 1e-9)
        #expect(abs(d.x - (50 - 10 / 2.0.squareRoot())) < 1e-9 && d.y == 10)
    }
}
