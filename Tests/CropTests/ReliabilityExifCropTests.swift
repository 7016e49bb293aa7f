import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 17: EXIF orientations 2–8 through crop, not only decode. Each
/// `Fixtures/hostile/orient-K.jpg` is the 48×32 reference (red, green /
/// blue, white quadrants) stored under the inverse of orientation K; a box
/// given in upright coordinates inside each quadrant must crop that
/// quadrant's colour.
@Suite struct ReliabilityExifCropTests {
    static let quadrants: [(x: Int, y: Int, colour: [Int])] = [(6, 2, [255, 0, 0]), (30, 2, [0, 255, 0]),
                                                               (6, 18, [0, 0, 255]), (30, 18, [255, 255, 255])]

    @Test(arguments: 2...8)
    func markerInsideTheBoxLandsInTheCrop(k: Int) throws {
        let tmp = TemporaryDirectory("dman-rel2-exif")
        try FileManager.default.copyItem(at: Fixtures.path("hostile/orient-\(k).jpg"), to: tmp.path("o.jpg"))
        let boxes = Self.quadrants.map { #"{"x": \#($0.x), "y": \#($0.y), "w": 12, "h": 12}"# }.joined(separator: ",")
        try Data(#"{"images": [{"file": "o.jpg", "boxes": [\#(boxes)]}]}"#.utf8).write(to: tmp.path("m.json"))
        let (summary, log) = try crop(tmp.path("m.json"), into: tmp.path("out")) { $0.margin = 0 }
        #expect(summary.crops == 4, "\(log.failures)")
        for (i, q) in Self.quadrants.enumerated() {
            let img = try ImageCodec.decode(Data(contentsOf: tmp.path("out/o_\(i).png"))).image
            let mean = (0..<3).map { c in (0..<img.area).map { Int(img.pixels[$0 * img.channels + c]) }.reduce(0, +) / img.area }
            #expect(zip(mean, q.colour).allSatisfy { abs($0 - $1) <= 40 }, "orientation \(k), box \(i): mean \(mean), want \(q.colour)")
        }
    }
}
