import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Decoding only the rows and columns a picture's crops read
/// (``CropOptions/partialJPEGDecode``) gives byte-identical crops.
@Suite struct CropperPartialDecodeTests {
    /// Boxes in `plasma-256x192.jpg`: inside, at each edge (padded), one larger than the picture, one tiny.
    static let boxes = #"""
    {"images": [{"file": "p.jpg", "boxes": [
      {"x": 40, "y": 20, "w": 60, "h": 50}, {"x": 0, "y": 0, "w": 30, "h": 40}, {"x": 230, "y": 170, "w": 26, "h": 22},
      {"x": 100, "y": 150, "w": 40, "h": 42}, {"x": 0, "y": 80, "w": 20, "h": 70}, {"x": 0, "y": 0, "w": 256, "h": 192},
      {"x": 120, "y": 90, "w": 3, "h": 3}]},
      {"file": "q.jpg", "boxes": [{"x": 130, "y": 60, "w": 48, "h": 40}]},
      {"file": "r.jpg", "boxes": [{"x": 10, "y": 150, "w": 30, "h": 30}]}]}
    """#

    @Test(arguments: ["mirror", "edge", "blur", "color:#102030"], [nil, 16, 24])
    func partialDecodeGivesTheSameCrops(pad: String, size: Int?) throws {
        let tmp = TemporaryDirectory()
        let src = Fixtures.path("jpeg/plasma-256x192.jpg")
        try FileManager.default.copyItem(at: src, to: tmp.path("p.jpg"))
        // A second picture whose only crop needs the middle rows; a third with one near the bottom.
        try FileManager.default.copyItem(at: src, to: tmp.path("q.jpg"))
        try FileManager.default.copyItem(at: src, to: tmp.path("r.jpg"))
        try Data(Self.boxes.utf8).write(to: tmp.path("m.json"))
        let mode = try #require(PadMode(parsing: pad))
        let (partial, log) = try crop(tmp.path("m.json"), into: tmp.path("partial")) { $0.pad = mode; $0.size = size }
        let (whole, _) = try crop(tmp.path("m.json"), into: tmp.path("whole")) { $0.pad = mode; $0.size = size; $0.partialJPEGDecode = false }
        #expect(log.failures.isEmpty, "\(log.failures)")
        #expect(partial.crops == 9 && whole.crops == 9)
        let a = try records(in: tmp.path("partial")), b = try records(in: tmp.path("whole"))
        #expect(a.count == 9 && a.keys.sorted() == b.keys.sorted())
        for (id, r) in a {
            #expect(r.sha256 == b[id]?.sha256, "\(pad) \(size.map(String.init) ?? "-"): \(id) differs")
            #expect(r.provenance == b[id]?.provenance)
        }
    }
}
