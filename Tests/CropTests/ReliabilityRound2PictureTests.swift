import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 17, pictures round 2: every file of `Fixtures/hostile2` (made by its
/// `make.py`) cropped end to end. The reference is 48×32, red, green / blue,
/// white quadrants; the box x 8…40, y 4…28 with no margin gives a 32×32 crop
/// at x 8 whose quadrants meet at (16, 16).
@Suite struct ReliabilityRound2PictureTests {
    static let referenceLike = ["jpeg-named.png", "progressive.jpg", "interlaced.png", "trailing-garbage.png",
                                "trailing-garbage.jpg", "lossless.webp", "two-page.tif", "ztxt-bomb.png", "iccp-bomb.png"]

    /// A folder with the fixture(s) and a native manifest with one box each.
    func folder(_ names: [String]) throws -> (TemporaryDirectory, URL) {
        let tmp = TemporaryDirectory("dman-hostile2")
        for n in names { try FileManager.default.copyItem(at: Fixtures.path("hostile2/\(n)"), to: tmp.path(n)) }
        let images = names.map { #"{"file": "\#($0)", "boxes": [{"x": 8, "y": 4, "w": 32, "h": 24}]}"# }
        try Data(#"{"format": "dman-crop-manifest", "images": [\#(images.joined(separator: ","))]}"#.utf8).write(to: tmp.path("m.json"))
        return (tmp, tmp.path("m.json"))
    }

    /// Crops `names`; the returned folder lives as long as the returned `TemporaryDirectory`.
    func crop(_ names: [String], keepAlpha: Bool = false) throws -> (CropSummary, EventLog, URL, TemporaryDirectory) {
        let (tmp, manifest) = try folder(names)
        let out = tmp.path("out")
        let (summary, log) = try CropTests.crop(manifest, into: out) { $0.margin = 0; $0.keepAlpha = keepAlpha }
        return (summary, log, out, tmp)
    }

    func mean(_ img: PixelImage, _ x: Int, _ y: Int, channel c: Int) -> Int {
        var sum = 0
        for dy in -3..<3 { for dx in -3..<3 { sum += Int(img[x + dx, y + dy][c]) } }
        return sum / 36
    }

    func quadrants(_ img: PixelImage) -> [[Int]] {
        [(8, 8), (24, 8), (8, 24), (24, 24)].map { p in (0..<3).map { mean(img, p.0, p.1, channel: $0) } }
    }

    static let reference = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]

    func close(_ a: [Int], _ b: [Int], _ tolerance: Int = 40) -> Bool { zip(a, b).allSatisfy { abs($0 - $1) <= tolerance } }

    @Test(arguments: referenceLike)
    func decodesToTheReferenceThroughCrop(name: String) throws {
        let tmp = TemporaryDirectory("dman-hostile2-one")
        let (manifestTmp, manifest) = try folder([name])
        let before = try Data(contentsOf: manifestTmp.path(name))
        let (summary, log) = try CropTests.crop(manifest, into: tmp.path("out")) { $0.margin = 0 }
        #expect(summary.failed == 0 && summary.crops == 1, "\(log.failures)")
        let stem = (name as NSString).deletingPathExtension
        let file = try #require(try records(in: tmp.path("out")).values.first { $0.id.hasPrefix(stem) }?.file)
        let img = try ImageCodec.decode(try Data(contentsOf: tmp.path("out").appendingPathComponent(file))).image
        #expect(img.width == 32 && img.height == 32)
        let q = quadrants(img)
        #expect(zip(q, Self.reference).allSatisfy { close($0, $1) }, "\(name): quadrants \(q)")
        #expect(try Data(contentsOf: manifestTmp.path(name)) == before, "input modified")
        if name == "two-page.tif" { #expect(log.warnings.contains { $0.contains("2 frames") }, "\(log.warnings)") }
    }

    @Test func contentWinsOverTheExtension() throws {
        let d = try ImageCodec.decode(try Data(contentsOf: Fixtures.path("hostile2/jpeg-named.png")))
        #expect(d.format == .jpeg)
    }

    @Test func paletteWithTransparencyKeepsItsTransparentEntry() throws {
        let (summary, log, out, tmp) = try crop(["palette-trns.png"], keepAlpha: true)
        defer { withExtendedLifetime(tmp) {} }
        #expect(summary.crops == 1, "\(log.failures)")
        let img = try ImageCodec.decode(try Data(contentsOf: out.appendingPathComponent("palette-trns_0.png"))).image
        #expect(img.channels == 4)
        let alpha = [(8, 8), (24, 8), (8, 24), (24, 24)].map { mean(img, $0.0, $0.1, channel: 3) }
        #expect(alpha.filter { $0 == 0 }.count == 1 && alpha.filter { $0 == 255 }.count == 3, "alpha \(alpha)")
        let q = quadrants(img)
        for k in 0..<4 where alpha[k] == 255 { #expect(close(q[k], Self.reference[k]), "quadrant \(k): \(q[k])") }
    }

    @Test func grayWithAlphaIsLuminanceWithItsAlpha() throws {
        let (summary, log, out, tmp) = try crop(["gray-alpha.png"], keepAlpha: true)
        defer { withExtendedLifetime(tmp) {} }
        #expect(summary.crops == 1, "\(log.failures)")
        let img = try ImageCodec.decode(try Data(contentsOf: out.appendingPathComponent("gray-alpha_0.png"))).image
        #expect(img.channels == 4)
        // Pillow's L = 0.299 R + 0.587 G + 0.114 B of the reference quadrants; alpha 200 everywhere.
        let want = [76, 150, 29, 255]
        let q = quadrants(img)
        for k in 0..<4 {
            #expect(q[k].allSatisfy { abs($0 - want[k]) <= 2 }, "quadrant \(k): \(q[k]) vs \(want[k])")
            #expect(abs(mean(img, k % 2 == 0 ? 8 : 24, k < 2 ? 8 : 24, channel: 3) - 200) <= 1)
        }
    }

    @Test func hugeJPEGHeaderIsRefusedFromTheHeader() throws {
        let (summary, log, _, _) = try crop(["huge-header.jpg"])
        #expect(summary.failed == 1 && log.failures.count == 1)
        #expect(log.failures.first?.contains("huge-header.jpg: 60000×60000 pixels is above the pixel-area cap") == true, "\(log.failures)")
    }

    @Test func svgNamedPNGIsRefusedByContent() throws {
        let (summary, log, _, _) = try crop(["svg-named.png"])
        #expect(summary.failed == 1)
        #expect(log.failures == ["svg-named.png: not a readable picture: not a PNG, JPEG, GIF, BMP, TIFF or WebP picture (content not recognised)"])
    }

    /// All of them in one run: one line per refused file, the rest cropped, inputs untouched.
    @Test func wholeFolderIsCroppedItemByItem() throws {
        let names = Self.referenceLike + ["palette-trns.png", "gray-alpha.png", "huge-header.jpg", "svg-named.png"]
        let (tmp, manifest) = try folder(names)
        let before = try names.map { try Data(contentsOf: tmp.path($0)) }
        let (summary, log) = try CropTests.crop(manifest, into: tmp.path("out")) { $0.margin = 0 }
        #expect(summary.crops == names.count - 2 && summary.failed == 2 && log.failures.count == 2, "\(log.failures)")
        #expect(try names.map { try Data(contentsOf: tmp.path($0)) } == before)
    }
}
