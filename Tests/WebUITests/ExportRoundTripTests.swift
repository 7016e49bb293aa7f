import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing
import WebUI

/// `dman label --format coco|voc|yolo`: what is written reads back through Crop's own parsers to the
/// same boxes, and `dman crop` cuts the same pictures from it as from the native manifest.
struct ExportRoundTripTests {
    static let boxes: [String: [LabelBox]] = [
        "a.jpg": [LabelBox(x: 10.25, y: 20.5, w: 100.75, h: 90.125, label: "character"),
                  LabelBox(x: 150, y: 30, w: 40, h: 40, label: "face")],
        "phone.jpg": [LabelBox(x: 17, y: 9, w: 13, h: 15, label: "other")],   // a label the command did not list
        "c.png": [LabelBox(x: 3, y: 2, w: 20.5, h: 20.5, label: "character")],
    ]

    /// Pictures: a.jpg 256×192, b.png 40×30 (boxed then emptied), c.png 48×30, phone.jpg (EXIF 6, upright 48×32).
    static func folder() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory("webui-export")
        try FileManager.default.copyItem(at: RepositoryFiles.url("Tests/CropTests/Fixtures/jpeg/plasma-256x192.jpg"), to: dir.path("a.jpg"))
        try FileManager.default.copyItem(at: RepositoryFiles.url("Tests/CropTests/Fixtures/exif/rotated-righttop.jpg"), to: dir.path("phone.jpg"))
        try PNGEncoder.encode(SyntheticImage.textured(width: 40, height: 30, seed: 1))!.write(to: dir.path("b.png"))
        try PNGEncoder.encode(SyntheticImage.textured(width: 48, height: 30, seed: 2))!.write(to: dir.path("c.png"))
        return dir
    }

    static func label(_ dir: TemporaryDirectory, format: ExportFormat) async throws -> LabelStore {
        let catalog = try PictureCatalog(folder: dir.url, manifestFolder: dir.url)
        let store = try LabelStore(catalog: catalog, manifestURL: dir.path("manifest.json"), export: format, labels: ["character", "face"])
        for (i, p) in catalog.pictures.enumerated() {
            if p.manifestName == "b.png" {
                _ = try await store.save(index: i, boxes: [LabelBox(x: 1, y: 1, w: 5, h: 5)], baseRevision: 0)
                _ = try await store.save(index: i, boxes: [], baseRevision: 1)
            } else if let b = boxes[p.manifestName] {
                _ = try await store.save(index: i, boxes: b, baseRevision: 0)
            }
        }
        return store
    }

    /// Each entry's boxes as Crop resolves them on the upright picture, by picture file name.
    static func resolved(_ manifest: CropManifest, sizes: [String: (Int, Int)]) throws -> [String: [PixelBox]] {
        var out: [String: [PixelBox]] = [:]
        #expect(manifest.parsed.problems.isEmpty, "\(manifest.parsed.problems)")
        for e in manifest.parsed.entries where !e.boxes.isEmpty {
            let name: String
            switch e.picture {
            case .path(let p): name = p
            case .stem(let s): name = sizes.keys.first { ($0 as NSString).deletingPathExtension == s }!
            case .anyOf(let list): name = list[0]
            }
            let (w, h) = sizes[name]!
            out[name] = try e.boxes.map { try BoxResolver.resolve($0.geometry, width: w, height: h, clip: false) }
        }
        return out
    }

    static let sizes: [String: (Int, Int)] = ["a.jpg": (256, 192), "b.png": (40, 30), "c.png": (48, 30), "phone.jpg": (48, 32)]

    @Test(arguments: ExportFormat.allCases)
    func theExportReadsBackToTheSameBoxesAndCropsTheSamePictures(format: ExportFormat) async throws {
        let dir = try Self.folder()
        let store = try await Self.label(dir, format: format)
        let location = try #require(await store.exportLocation)
        let native = try Self.resolved(try CropManifest.load(dir.path("manifest.json")), sizes: Self.sizes)
        let exported = try CropManifest.load(location)
        #expect(exported.parsed.format.rawValue == format.rawValue)
        let back = try Self.resolved(exported, sizes: Self.sizes)
        #expect(Set(back.keys) == ["a.jpg", "phone.jpg", "c.png"])
        for (name, boxes) in native {
            let other = try #require(back[name])
            #expect(other.count == boxes.count)
            for (a, b) in zip(boxes, other) {
                #expect(abs(a.x - b.x) < 1e-6 && abs(a.y - b.y) < 1e-6 && abs(a.width - b.width) < 1e-6 && abs(a.height - b.height) < 1e-6,
                        "\(name): \(a) vs \(b)")
            }
        }
        let labels = exported.parsed.entries.flatMap { $0.boxes.compactMap(\.label) }.sorted()
        #expect(labels == ["character", "character", "face", "other"])

        // dman crop on both: the same crops, byte for byte.
        let fromNative = try Cropper(manifest: dir.path("manifest.json"), output: dir.path("crops-native")).run()
        let fromExport = try Cropper(manifest: location, output: dir.path("crops-\(format.rawValue)"),
                                     options: { var o = CropOptions(); o.root = dir.url; return o }()).run()
        #expect(fromNative.crops == 4 && fromExport.crops == 4 && fromExport.failed == 0, "\(fromExport.errors)")
        func pngs(_ name: String) throws -> [String: Data] {
            let folder = dir.path(name)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
            return try Dictionary(uniqueKeysWithValues: files.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
        }
        #expect(try pngs("crops-native") == pngs("crops-\(format.rawValue)"))
    }

    @Test func aClassThatDisappearsRenumbersEveryYOLOFile() async throws {
        let dir = try Self.folder()
        let catalog = try PictureCatalog(folder: dir.url, manifestFolder: dir.url)   // a.jpg, b.png, c.png, phone.jpg
        let store = try LabelStore(catalog: catalog, manifestURL: dir.path("manifest.json"), export: .yolo, labels: ["character"])
        _ = try await store.save(index: 0, boxes: [LabelBox(x: 1, y: 1, w: 50, h: 50, label: "zeta")], baseRevision: 0)
        _ = try await store.save(index: 2, boxes: [LabelBox(x: 1, y: 1, w: 20, h: 20, label: "yy")], baseRevision: 0)
        // "zeta" goes: "yy" moves from class 2 to class 1, and c.png's file must say so.
        _ = try await store.save(index: 0, boxes: [LabelBox(x: 1, y: 1, w: 50, h: 50, label: "character")], baseRevision: 1)
        let folder = try #require(await store.exportLocation)
        #expect(try String(contentsOf: folder.appendingPathComponent("classes.txt"), encoding: .utf8) == "character\nyy\n")
        let parsed = try CropManifest.load(folder).parsed
        let labels = Dictionary(uniqueKeysWithValues: parsed.entries.map { ($0.picture.display, $0.boxes.compactMap(\.label)) })
        #expect(labels["a.*"] == ["character"])
        #expect(labels["c.*"] == ["yy"])
    }
}
