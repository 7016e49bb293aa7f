import DemoArt
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// The demo's art generator as a library (issue 15): seeded, boxes inside the
/// pictures, some touching an edge, some near-duplicates, never a black band.
@Suite struct DemoSourceSetTests {
    static func hashes(_ folder: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            out[name] = SHA256.hex(try Data(contentsOf: folder.appendingPathComponent(name)))
        }
        return out
    }

    @Test func sameSeedSameBytesForAnyJobCountAndAnotherSeedDiffers() throws {
        let tmp = TemporaryDirectory("demo-art")
        let set = DemoSourceSet(count: 12, seed: 5)
        _ = try set.write(to: tmp.path("a"), jobs: 1)
        _ = try set.write(to: tmp.path("b"), jobs: 3)
        _ = try DemoSourceSet(count: 12, seed: 6).write(to: tmp.path("c"), jobs: 2)
        let a = try Self.hashes(tmp.path("a"))
        #expect(a.count == 13 && a["manifest.json"] != nil)
        #expect(a == (try Self.hashes(tmp.path("b"))))
        let c = try Self.hashes(tmp.path("c"))
        #expect(a.filter { c[$0.key] == $0.value }.isEmpty, "another seed draws other pictures")
    }

    @Test func manifestNamesEveryPictureWithBoxesInside() throws {
        let tmp = TemporaryDirectory("demo-art")
        let url = try DemoSourceSet(count: 20, seed: 1).write(to: tmp.path("s"), jobs: 2)
        let manifest = try JSONDecoder().decode(DemoSourceSet.Manifest.self, from: Data(contentsOf: url))
        #expect(manifest.format == "dman-crop-manifest" && manifest.images.count == 20)
        for entry in manifest.images {
            let image = try ImageCodec.decode(Data(contentsOf: tmp.path("s/\(entry.file)"))).image
            #expect(image.width == entry.width && image.height == entry.height)
            #expect(!entry.boxes.isEmpty)
            for b in entry.boxes {
                #expect(b.w > 0 && b.h > 0 && b.x >= 0 && b.y >= 0 && b.x + b.w <= entry.width && b.y + b.h <= entry.height, "\(entry.file) \(b)")
            }
        }
    }

    /// Over 60 pictures: a share of mascots touch an edge, some pictures are
    /// near-duplicates of earlier ones, and no row of any picture is a black band.
    @Test func edgesNearDuplicatesAndNoBlackBands() throws {
        let set = DemoSourceSet(count: 60, seed: 1)
        let plans = (0..<60).map { set.plan(index: $0) }
        let boxes = plans.flatMap { p in p.boxes.map { (p, $0) } }
        let touching = boxes.filter { p, b in b.x == 0 || b.y == 0 || b.x + b.w == p.width || b.y + b.h == p.height }.count
        #expect(Double(touching) / Double(boxes.count) > 0.1 && Double(touching) / Double(boxes.count) < 0.7, "\(touching) of \(boxes.count)")
        let scenes = Dictionary(grouping: plans, by: \.sceneSeed)
        #expect(scenes.values.contains { $0.count > 1 }, "some pictures re-use an earlier scene")
        for p in plans.prefix(15) {
            let image = set.render(p)
            for y in 0..<image.height {
                var sum = 0
                for x in 0..<image.width { for c in 0..<3 { sum += Int(image[x, y][c]) } }
                #expect(sum / (image.width * 3) > 12, "\(p.file) row \(y) is a dark band")
            }
        }
    }
}
