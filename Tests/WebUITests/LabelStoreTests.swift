import Crop
import DmanTestSupport
import Foundation
import Testing
import WebUI

/// Autosave: the manifest on disk after each edit, read back by Crop's own reader.
struct LabelStoreTests {
    @Test func eachSaveWritesANativeManifestThatCropReads() async throws {
        let f = try LabelFixture()
        let r = await f.save("p1", boxes: [LabelBox(x: 10, y: 20, w: 30, h: 40, label: "character")], revision: 0)
        #expect(r.status == 200)
        let parsed = try CropManifest.load(f.manifest).parsed
        #expect(parsed.format == .native)
        #expect(parsed.entries.count == 1)
        #expect(parsed.entries[0].picture == .path("b.png"))   // p1 is b.png
        #expect(parsed.entries[0].boxes == [ManifestBox(geometry: .pixels(x: 10, y: 20, width: 30, height: 40), label: "character")])
        // Deleting the last box drops the picture from the manifest again.
        #expect(await f.save("p1", boxes: [], revision: 1).status == 200)
        #expect(try CropManifest.load(f.manifest).parsed.entries.isEmpty)
    }

    @Test func aSecondPageWithAnOldRevisionGetsAClearConflict() async throws {
        let f = try LabelFixture()
        #expect(await f.save("p0", boxes: [LabelBox(x: 1, y: 1, w: 9, h: 9)], revision: 0).status == 200)
        let second = await f.save("p0", boxes: [LabelBox(x: 5, y: 5, w: 2, h: 2)], revision: 0)
        #expect(second.status == 409)
        #expect(String(decoding: second.body, as: UTF8.self).contains("a.jpg was saved by another page"))
        let kept = try CropManifest.load(f.manifest).parsed.entries[0].boxes
        #expect(kept == [ManifestBox(geometry: .pixels(x: 1, y: 1, width: 9, height: 9))])
    }

    @Test func aManifestChangedByAnotherProcessIsNotOverwritten() async throws {
        let f = try LabelFixture()
        #expect(await f.save("p0", boxes: [LabelBox(x: 1, y: 1, w: 9, h: 9)], revision: 0).status == 200)
        let foreign = Data(#"{"format":"dman-crop-manifest","version":1,"images":[]}"#.utf8)
        try foreign.write(to: f.manifest)
        let r = await f.save("p2", boxes: [LabelBox(x: 1, y: 1, w: 3, h: 3)], revision: 0)
        #expect(r.status == 409)
        #expect(String(decoding: r.body, as: UTF8.self).contains("changed on disk by another writer"))
        #expect(try Data(contentsOf: f.manifest) == foreign)
    }

    @Test func aRestartResumesTheSavedBoxes() async throws {
        let f = try LabelFixture()
        let boxes = [LabelBox(x: 3, y: 4, w: 50, h: 50, label: "character"), LabelBox(x: 0, y: 0, w: 7, h: 8)]
        #expect(await f.save("p2", boxes: boxes, revision: 0).status == 200)
        let catalog = try PictureCatalog(folder: f.dir.url, manifestFolder: f.dir.url)
        let reopened = try LabelStore(catalog: catalog, manifestURL: f.manifest)
        #expect(await reopened.state(of: 2).boxes == boxes)
        #expect(await reopened.annotatedFlags == [false, false, true])
    }

    @Test func invalidBoxesAreRefused() async throws {
        let f = try LabelFixture()
        #expect(await f.save("p0", boxes: [LabelBox(x: 1, y: 1, w: 0, h: 9)], revision: 0).status == 400)
        let junk = await f.respond(f.request(.POST, "/api/boxes/p0", headerToken: f.token, body: Data("[1,2".utf8)))
        #expect(junk.status == 400)
        #expect(!FileManager.default.fileExists(atPath: f.manifest.path))
    }

    @Test func aCorruptManifestIsReportedByName() throws {
        let f = try LabelFixture()
        try Data("{\"images\": 3}".utf8).write(to: f.manifest)
        let catalog = try PictureCatalog(folder: f.dir.url, manifestFolder: f.dir.url)
        #expect(throws: WebUIError.self) { try LabelStore(catalog: catalog, manifestURL: f.manifest) }
    }

    @Test func aManifestOutsideThePicturesFolderNamesThemForCropsImagesOption() async throws {
        let f = try LabelFixture()
        let elsewhere = TemporaryDirectory("webui-elsewhere")
        let catalog = try PictureCatalog(folder: f.dir.url, manifestFolder: elsewhere.url)
        #expect(catalog.needsImagesFolder)
        #expect(catalog.pictures.map(\.manifestName) == ["a.jpg", "b.png", "c.png"])
        let store = try LabelStore(catalog: catalog, manifestURL: elsewhere.path("m.json"))
        _ = try await store.save(index: 1, boxes: [LabelBox(x: 2, y: 2, w: 20, h: 20)], baseRevision: 0)
        var options = CropOptions()
        options.imagesFolder = f.dir.url
        let summary = try Cropper(manifest: elsewhere.path("m.json"), output: elsewhere.path("out"), options: options).run()
        #expect(summary.crops == 1 && summary.failed == 0)
        #expect(!(try PictureCatalog(folder: f.dir.url, manifestFolder: f.dir.url)).needsImagesFolder)
    }
}
