import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// The native PNG writer is checked by two decoders it shares no code with:
/// ImageMagick's PNG coder and libpng (both verify every chunk's CRC and the
/// zlib stream's checksum).
@Suite struct PNGEncoderTests {
    /// Pictures whose rows favour different filters: noise (None), horizontal
    /// ramps (Sub), repeated rows (Up), smooth 2-D fields (Average/Paeth).
    static func pictures(channels: Int) -> [(String, PixelImage)] {
        func make(_ w: Int, _ h: Int, _ f: (Int, Int, Int) -> Int) -> PixelImage {
            var pixels = [UInt8]()
            for y in 0..<h { for x in 0..<w { for c in 0..<channels { pixels.append(UInt8(truncatingIfNeeded: f(x, y, c))) } } }
            return PixelImage(width: w, height: h, channels: channels, pixels: pixels)
        }
        var rng = SplitMix64(seed: 5)
        let noise = (0..<(37 * 23 * channels)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        return [
            ("1×1", make(1, 1) { _, _, c in 40 + c }),
            ("noise 37×23", PixelImage(width: 37, height: 23, channels: channels, pixels: noise)),
            ("horizontal ramp", make(50, 9) { x, _, c in x * 5 + c * 20 }),
            ("repeated rows", make(31, 17) { x, _, c in (x * 37 + c * 91) % 256 }),
            ("smooth field", make(29, 33) { x, y, c in (x * x + y * y * 2) / 9 + c * 30 }),
            ("textured", SyntheticImage.textured(width: 64, height: 48, seed: 3).withChannels(channels)),
        ]
    }

    @Test(arguments: [3, 4])
    func imageMagickAndLibpngReadBackTheSamePixels(channels: Int) throws {
        for (name, image) in Self.pictures(channels: channels) {
            for (level, runLength) in [(0, false), (1, false), (6, false), (9, false), (1, true), (6, true)] {
                let png = try #require(PNGEncoder.encode(image, level: level, runLength: runLength), "\(name)")
                #expect(RasterFormat(sniffing: png) == .png)
                #expect(try ImageCodec.decode(png).image == image, "ImageMagick, \(name), level \(level), RLE \(runLength)")
                #expect(PNGFastDecoder.decode(png) == image, "libpng, \(name), level \(level), RLE \(runLength)")
            }
        }
    }

    @Test func everyFilterTypeIsChosenSomewhere() {
        var used = Set<UInt8>()
        for channels in [3, 4] {
            for (_, image) in Self.pictures(channels: channels) {
                let n = image.width * channels
                var out = [UInt8](repeating: 0, count: image.height * (n + 1))
                image.pixels.withUnsafeBufferPointer { src in
                    out.withUnsafeMutableBufferPointer {
                        RowFilter.filterAll(src, into: $0, width: image.width, height: image.height, channels: channels)
                    }
                }
                for y in 0..<image.height { used.insert(out[y * (n + 1)]) }
            }
        }
        #expect(used == [0, 1, 2, 3, 4])
    }

    @Test func samePixelsGiveSameBytesAndHigherLevelsAreNotLarger() throws {
        let image = SyntheticImage.textured(width: 96, height: 96, seed: 11)
        let fast = try #require(PNGEncoder.encode(image, level: 1))
        #expect(PNGEncoder.encode(image, level: 1) == fast)
        let small = try #require(PNGEncoder.encode(image, level: 9))
        let stored = try #require(PNGEncoder.encode(image, level: 0))
        #expect(small.count <= fast.count)
        #expect(fast.count < stored.count)
        #expect(stored.count > image.pixels.count)  // level 0 stores every filtered byte
        let runLength = try #require(PNGEncoder.encode(image, level: 1, runLength: true))
        #expect(runLength != fast && runLength.count < stored.count)
    }

    @Test func writesOnlyTheCriticalChunks() throws {
        let png = try #require(PNGEncoder.encode(SyntheticImage.textured(width: 8, height: 8, seed: 1)))
        var types = [String](), offset = 8
        while offset + 8 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            types.append(String(decoding: png[offset + 4..<offset + 8], as: UTF8.self))
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        #expect(offset == png.count)
    }
}

extension PixelImage {
    /// The same picture with an alpha ramp added (4) or as is (3).
    fileprivate func withChannels(_ n: Int) -> PixelImage {
        guard n == 4, channels == 3 else { return self }
        var out = [UInt8]()
        for i in 0..<area { out += pixels[(i * 3)..<(i * 3 + 3)]; out.append(UInt8(i % 256)) }
        return PixelImage(width: width, height: height, channels: 4, pixels: out)
    }
}
