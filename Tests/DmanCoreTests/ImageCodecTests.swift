import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct ImageCodecTests {
    @Test func pngRoundTripKeepsPixels() throws {
        var image = PixelImage(width: 5, height: 3, channels: 3)
        for y in 0..<3 { for x in 0..<5 { image[x, y] = [UInt8(x * 50), UInt8(y * 80), 7] } }
        let png = try ImageCodec.pngData(image)
        #expect(RasterFormat(sniffing: png) == .png)
        let back = try ImageCodec.decode(png)
        #expect(back.image == image)
        #expect(back.format == .png)
    }

    @Test func samePixelsGiveSameBytes() throws {
        let image = PixelImage(width: 4, height: 4, channels: 4, pixels: (0..<64).map { UInt8($0 * 3) })
        #expect(try ImageCodec.pngData(image) == ImageCodec.pngData(image))
    }

    @Test func refusesUnknownContent() {
        let svg = Data("<svg xmlns='http://www.w3.org/2000/svg'><image href='file:///etc/passwd'/></svg>".utf8)
        #expect { try ImageCodec.decode(svg) } throws: { ($0 as? MagickError)?.kind == .unsupportedFormat }
        #expect { try ImageCodec.decode(Data()) } throws: { ($0 as? MagickError)?.kind == .unsupportedFormat }
    }

    @Test func refusesHugeHeaderBeforeDecoding() throws {
        var png = try ImageCodec.pngData(PixelImage(width: 2, height: 2))
        // Patch IHDR to claim 100000 x 100000 (the CRC no longer matches: the
        // decoder would fail too, but the cap must answer first).
        let big: [UInt8] = [0x00, 0x01, 0x86, 0xA0]
        png.replaceSubrange(16..<20, with: big)
        png.replaceSubrange(20..<24, with: big)
        #expect { try ImageCodec.decode(png) } throws: { error in
            if case .tooLarge(let w, let h, _) = (error as? MagickError)?.kind { return w == 100_000 && h == 100_000 }
            return false
        }
    }

    @Test func truncatedPNGIsADecodeError() throws {
        let png = try ImageCodec.pngData(PixelImage(width: 40, height: 40, channels: 3,
                                                    pixels: (0..<4800).map { UInt8(truncatingIfNeeded: $0 * 7) }))
        let cut = png.prefix(png.count / 2)
        #expect { try ImageCodec.decode(Data(cut)) } throws: { ($0 as? MagickError)?.kind == .decode }
    }

    @Test func policyDeniesScriptCoders() {
        #expect(MagickRuntime.shared.policyInstalled)
        for coder in ["MVG", "MSL", "SVG", "TEXT", "URL", "EPHEMERAL"] {
            #expect(!MagickRuntime.shared.isCoderReadable(coder), "\(coder) must be denied")
        }
        #expect(MagickRuntime.shared.isCoderReadable("PNG"))
    }
}
