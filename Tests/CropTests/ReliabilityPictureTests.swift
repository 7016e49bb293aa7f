import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 8, pictures: every hostile fixture in `Fixtures/hostile` (see its
/// README) is decoded or refused as docs/RELIABILITY.md promises.
@Suite struct ReliabilityPictureTests {
    static let mslMarker = "/tmp/dman-hostile-msl-marker.png"
    static let sentinel = "/tmp/dman-hostile-ephemeral-sentinel.png"

    func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/hostile/\(name)", withExtension: nil))
        return try Data(contentsOf: url)
    }

    func decode(_ name: String) throws -> DecodedImage { try ImageCodec.decode(try fixture(name)) }

    func kind(_ name: String) throws -> MagickError.Kind? {
        do { _ = try decode(name); return nil } catch let e as MagickError { return e.kind }
    }

    @Test(arguments: ["payload-msl.png", "payload-msl.jpg", "payload-mvg.png", "payload-mvg.jpg",
                      "payload-svg.png", "payload-svg.jpg"])
    func scriptPayloadsAreRefusedBeforeAnyCoderRuns(name: String) throws {
        // The sentinel would be deleted by `ephemeral:`; the marker written by MSL.
        try? FileManager.default.removeItem(atPath: Self.mslMarker)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: Self.sentinel))
        #expect(try kind(name) == .unsupportedFormat)
        #expect(RasterFormat(sniffing: try fixture(name)) == nil)
        #expect(!FileManager.default.fileExists(atPath: Self.mslMarker), "the MSL payload wrote its marker")
        #expect(FileManager.default.fileExists(atPath: Self.sentinel), "the ephemeral: reference deleted the sentinel")
    }

    @Test func notPicturesAreRefusedByContent() throws {
        #expect(try kind("zero-bytes.png") == .unsupportedFormat)
        #expect(try kind("text.png") == .unsupportedFormat)
    }

    @Test func hugeHeaderIsRefusedByTheAreaCapWithoutDecoding() throws {
        let data = try fixture("huge-header.png")
        // The cap answers from the header: a real decode would need 30 GB.
        let start = Date()
        #expect { try ImageCodec.decode(data) } throws: { error in
            if case .tooLarge(let w, let h, _) = (error as? MagickError)?.kind { return w == 100_000 && h == 100_000 }
            return false
        }
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func truncatedPicturesAreDecodeErrors() throws {
        #expect(try kind("truncated.png") == .decode)
        #expect { try decode("truncated.png") } throws: { "\($0)".contains("truncated or corrupt") }
        // ImageMagick reports a cut JPEG with a warning only and no frame;
        // this used to trap in PixelImage(width: 0, …).
        #expect(try kind("truncated.jpg") == .decode)
    }

    /// Mean colour of a 6×6 block centred on (x, y).
    func colour(_ img: PixelImage, _ x: Int, _ y: Int) -> [Int] {
        var sum = [0, 0, 0]
        for dy in -3..<3 { for dx in -3..<3 { let p = img[x + dx, y + dy]; for c in 0..<3 { sum[c] += Int(p[c]) } } }
        return sum.map { $0 / 36 }
    }

    /// Red, green / blue, white quadrants, within `tolerance` per channel.
    func isUprightReference(_ img: PixelImage, tolerance: Int = 40) -> Bool {
        guard img.width == 48, img.height == 32 else { return false }
        let want: [(Int, Int, [Int])] = [(12, 8, [255, 0, 0]), (36, 8, [0, 255, 0]),
                                        (12, 24, [0, 0, 255]), (36, 24, [255, 255, 255])]
        return want.allSatisfy { x, y, c in zip(colour(img, x, y), c).allSatisfy { abs($0 - $1) <= tolerance } }
    }

    @Test(arguments: ["rgb.png", "photo.jpg", "png-named.jpg", "rgb16.png", "palette.png", "cmyk.jpg", "alpha.png"])
    func everyRasterVariantDecodesToTheReference(name: String) throws {
        let d = try decode(name)
        #expect(isUprightReference(d.image), "\(name) decoded to other colours")
        #expect(d.image.channels == (name == "alpha.png" ? 4 : 3))
        if name == "png-named.jpg" { #expect(d.format == .png) }
    }

    @Test func grayscaleAndOnePixel() throws {
        let g = try decode("gray.png").image
        #expect(g.width == 48 && g.height == 32 && g.channels == 3)
        let red = colour(g, 12, 8)   // luma of pure red ≈ 76
        #expect(red[0] == red[1] && red[1] == red[2] && abs(red[0] - 76) < 10)
        let one = try decode("one-pixel.png").image
        #expect(one.width == 1 && one.height == 1 && Array(one[0, 0].prefix(3)) == [10, 20, 30])
    }

    @Test func animatedGIFGivesTheFirstFrameAndItsFrameCount() throws {
        let d = try decode("animated.gif")
        #expect(d.frameCount == 2)
        #expect(isUprightReference(d.image, tolerance: 10))
    }

    @Test(arguments: 1...8)
    func exifOrientationIsApplied(k: Int) throws {
        let d = try decode("orient-\(k).jpg")
        #expect(d.orientation == k)
        #expect(isUprightReference(d.image), "orientation \(k) not upright: \(d.image.width)×\(d.image.height)")
    }
}

/// The crop stage over the hostile pictures: bad ones are one line each,
/// animated ones warned, good ones cropped.
@Suite struct ReliabilityCropPictureTests {
    @Test func hostileFolderIsCroppedItemByItem() throws {
        let tmp = TemporaryDirectory("dman-rel-hostile")
        let src = Fixtures.path("hostile")
        let names = try FileManager.default.contentsOfDirectory(atPath: src.path)
            .filter { $0.hasSuffix(".png") || $0.hasSuffix(".jpg") || $0.hasSuffix(".gif") }.sorted()
        for n in names { try FileManager.default.copyItem(at: src.appendingPathComponent(n), to: tmp.path(n)) }
        let images = names.map { #"{"file": "\#($0)", "boxes": [{"x": 0, "y": 0, "w": 1, "h": 1}]}"# }
        try Data(#"{"images": [\#(images.joined(separator: ","))]}"#.utf8).write(to: tmp.path("m.json"))
        try? FileManager.default.removeItem(atPath: ReliabilityPictureTests.mslMarker)
        let (summary, log) = try crop(tmp.path("m.json"), into: tmp.path("out")) { $0.size = 8 }
        let bad = ["payload-msl.png", "payload-msl.jpg", "payload-mvg.png", "payload-mvg.jpg", "payload-svg.png",
                   "payload-svg.jpg", "zero-bytes.png", "text.png", "huge-header.png", "truncated.png"]
        for name in bad {
            #expect(log.failures.filter { $0.hasPrefix(name + ": ") }.count == 1, "\(name): \(log.failures)")
        }
        #expect(log.failures.allSatisfy { !$0.contains("\n") })
        #expect(log.failures.filter { $0.hasPrefix("truncated.jpg: ") }.count == 1)
        #expect(log.failures.count == bad.count + 1)
        #expect(summary.crops == names.count - log.failures.count)
        #expect(log.warnings.contains { $0.hasPrefix("animated.gif: 2 frames") }, "\(log.warnings)")
        #expect(!FileManager.default.fileExists(atPath: ReliabilityPictureTests.mslMarker))
    }
}
