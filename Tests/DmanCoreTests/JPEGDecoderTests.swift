import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// The libjpeg-turbo path (``ImageCodec/decodeJPEG(_:maxPixels:reduction:window:)``)
/// against ImageMagick's decode of the same files (`Fixtures/jpeg/make.sh`).
@Suite struct JPEGDecoderTests {
    static let encodings = ["q90-420.jpg", "q90-422.jpg", "q95-444.jpg", "progressive.jpg", "gray.jpg", "cmyk.jpg"]

    func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/jpeg/\(name)", withExtension: nil))
        return try Data(contentsOf: url)
    }

    func fast(_ data: Data, reduction: Int = 1, window: DecodeWindow? = nil) throws -> DecodedImage {
        try #require(try ImageCodec.decodeJPEG(data, maxPixels: nil, reduction: reduction, window: window))
    }

    /// Largest per-channel difference, or nil when the sizes differ.
    func maxDifference(_ a: PixelImage, _ b: PixelImage) -> Int? {
        guard a.width == b.width, a.height == b.height, a.channels == b.channels else { return nil }
        return zip(a.pixels, b.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
    }

    @Test(arguments: encodings)
    func fullDecodeMatchesImageMagick(name: String) throws {
        let data = try fixture(name)
        let mine = try fast(data)
        let magick = try ImageCodec.decodeWithImageMagick(data)
        #expect(mine.image.width == 203 && mine.image.height == 149 && mine.image.channels == 3)
        let d = try #require(maxDifference(mine.image, magick.image))
        #expect(d <= 1, "\(name): largest difference \(d)/255 to ImageMagick")
        #expect(mine.format == .jpeg && mine.frameCount == 1)
    }

    @Test(arguments: [2, 4, 8])
    func dctScaledDecodeMatchesImageMagicksJPEGSize(k: Int) throws {
        for name in Self.encodings {
            let data = try fixture(name)
            let mine = try fast(data, reduction: k)
            let magick = try ImageCodec.decodeWithImageMagick(data, maxPixels: nil, jpegReduction: k)
            #expect(mine.image.width == (203 + k - 1) / k && mine.image.height == (149 + k - 1) / k)
            let d = try #require(maxDifference(mine.image, magick.image), "\(name) 1/\(k): sizes differ")
            #expect(d <= 1, "\(name) 1/\(k): largest difference \(d)/255")
        }
    }

    @Test(arguments: 1...8)
    func exifOrientationIsAppliedAsImageMagickDoes(k: Int) throws {
        let data = try fixture("orient-\(k).jpg")
        let mine = try fast(data)
        let magick = try ImageCodec.decodeWithImageMagick(data)
        #expect(mine.orientation == k && magick.orientation == k)
        #expect(mine.image.width == 40 && mine.image.height == 24, "orientation \(k): \(mine.image.width)×\(mine.image.height)")
        #expect(try #require(maxDifference(mine.image, magick.image)) <= 1)
        // Upright, every orientation shows the same picture (re-encoded, so only close).
        let upright = try fast(try fixture("orient-1.jpg")).image
        let mean = zip(mine.image.pixels, upright.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +) / upright.pixels.count
        #expect(mean <= 3, "orientation \(k) is not the upright picture (mean difference \(mean))")
    }

    /// Seeded windows: the decoded window equals the same pixels of a whole decode.
    @Test(arguments: ["q90-420.jpg", "q90-422.jpg", "q95-444.jpg", "progressive.jpg", "cmyk.jpg"])
    func partialDecodeEqualsWholeDecodeInsideTheWindow(name: String) throws {
        let data = try fixture(name)
        var rng = SplitMix64(seed: 16)
        for k in [1, 2, 4, 8] {
            let whole = try fast(data, reduction: k).image
            for _ in 0..<6 {
                let x = Int(rng.next() % 150), y = Int(rng.next() % 100)
                let w = 1 + Int(rng.next() % UInt64(203 - x)), h = 1 + Int(rng.next() % UInt64(149 - y))
                let part = try fast(data, reduction: k, window: DecodeWindow(x: x, y: y, width: w, height: h)).image
                #expect(part.width == whole.width && part.height == whole.height)
                var worst = 0
                for yy in (y / k)..<min(whole.height, (y + h + k - 1) / k) {
                    for xx in (x / k)..<min(whole.width, (x + w + k - 1) / k) {
                        for c in 0..<3 { worst = max(worst, abs(Int(part[xx, yy][c]) - Int(whole[xx, yy][c]))) }
                    }
                }
                #expect(worst == 0, "\(name) 1/\(k) window \(x),\(y) \(w)×\(h): difference \(worst)")
            }
        }
    }

    @Test func truncatedFilesAreDecodeErrorsEvenWhenTheWindowEndsBeforeTheCut() throws {
        let data = try fixture("q90-420.jpg")
        for cut in [data.count / 2, data.count - 2, 700] {
            let short = Data(data.prefix(cut))
            for window in [nil, DecodeWindow(x: 0, y: 0, width: 8, height: 8)] {
                #expect { try ImageCodec.decodeJPEG(short, maxPixels: nil, window: window) } throws: { error in
                    (error as? MagickError)?.kind == .decode && "\(error)".contains("truncated")
                }
            }
            #expect { try ImageCodec.decode(short) } throws: { ($0 as? MagickError)?.kind == .decode }
        }
        let progressive = try fixture("progressive.jpg")
        #expect { try ImageCodec.decode(Data(progressive.prefix(progressive.count * 2 / 3))) } throws: {
            ($0 as? MagickError)?.kind == .decode
        }
    }

    /// The frame header claims 60000×60000 (3.6 G pixels): refused from the
    /// header, before any pixel or coefficient memory exists.
    @Test(arguments: ["q90-420.jpg", "progressive.jpg"])
    func hugeHeaderIsRefusedByTheAreaCap(name: String) throws {
        var data = try fixture(name)
        let bytes = [UInt8](data)
        let sof = try #require((2..<(bytes.count - 9)).first { bytes[$0] == 0xFF && (bytes[$0 + 1] == 0xC0 || bytes[$0 + 1] == 0xC2) })
        let big: [UInt8] = [0xEA, 0x60]  // 60000
        data.replaceSubrange((sof + 5)..<(sof + 7), with: big)
        data.replaceSubrange((sof + 7)..<(sof + 9), with: big)
        let start = Date()
        for decode in [{ try ImageCodec.decode(data) }, { try #require(try ImageCodec.decodeJPEG(data, maxPixels: nil)) }] {
            #expect { try decode() } throws: { error in
                if case .tooLarge(let w, let h, _) = (error as? MagickError)?.kind { return w == 60_000 && h == 60_000 }
                return false
            }
        }
        #expect(Date().timeIntervalSince(start) < 1)
    }

    @Test func corruptScanDataNeverCrashes() throws {
        let data = try fixture("q90-420.jpg")
        var rng = SplitMix64(seed: 3)
        for _ in 0..<40 {
            var bad = data
            for _ in 0..<8 {
                let i = 700 + Int(rng.next() % UInt64(data.count - 702))
                bad[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            do {
                let d = try ImageCodec.decode(bad)
                #expect(d.image.width == 203 && d.image.height == 149)
            } catch {
                #expect(error.kind == .decode)
            }
        }
    }

    @Test func cmykIsConvertedAsImageMagickDoes() throws {
        // Same colours as the RGB encoding of the same picture (quality 90 CMYK
        // against quality 95 RGB, so close, not equal; a wrong ink model is off by ~100).
        let cmyk = try fast(try fixture("cmyk.jpg")).image
        let rgb = try fast(try fixture("q95-444.jpg")).image
        let mean = zip(cmyk.pixels, rgb.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +) / rgb.pixels.count
        #expect(mean <= 6, "mean difference \(mean)")
    }
}
