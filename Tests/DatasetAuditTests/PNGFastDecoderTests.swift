import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// The libpng fast path (DmanCore's `PNGFastDecoder`, added for the audit's
/// hashing speed) must give exactly ImageMagick's pixels, or step aside.
@Suite struct PNGFastDecoderTests {
    /// A minimal PNG writer (stored deflate blocks) for any colour type and depth.
    static func png(width: Int, height: Int, colorType: UInt8, bitDepth: UInt8 = 8, rows: [[UInt8]],
                    palette: [UInt8]? = nil, trns: [UInt8]? = nil, gamma: UInt32? = nil) -> Data {
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func crc(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes { c ^= UInt32(b); for _ in 0..<8 { c = (c >> 1) ^ (c & 1 == 1 ? 0xEDB8_8320 : 0) } }
            return ~c
        }
        func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let t = Array(type.utf8)
            var c: [UInt8] = be32(UInt32(body.count))
            c += t
            c += body
            c += be32(crc(t + body))
            return c
        }
        var raw: [UInt8] = []
        for r in rows { raw.append(0); raw += r }
        var z: [UInt8] = [0x78, 0x01]
        var i = 0
        repeat {
            let n = min(65535, raw.count - i)
            z.append(i + n == raw.count ? 1 : 0)
            let len: [UInt8] = [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            z += len
            z += raw[i..<(i + n)]
            i += n
        } while i < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for v in raw { a = (a + UInt32(v)) % 65521; b = (b + a) % 65521 }
        z += be32(b << 16 | a)
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = be32(UInt32(width))
        ihdr += be32(UInt32(height))
        ihdr += [bitDepth, colorType, 0, 0, 0]
        out += chunk("IHDR", ihdr)
        if let gamma { out += chunk("gAMA", be32(gamma)) }
        if let palette { out += chunk("PLTE", palette) }
        if let trns { out += chunk("tRNS", trns) }
        out += chunk("IDAT", z)
        out += chunk("IEND", [])
        return Data(out)
    }

    static func rows(_ w: Int, _ h: Int, _ bpp: Int, seed: UInt64, modulo: Int = 256) -> [[UInt8]] {
        var rng = SplitMix64(seed: seed)
        return (0..<h).map { _ in (0..<(w * bpp)).map { _ in UInt8(Int(rng.next() % UInt64(modulo))) } }
    }

    @Test func samePixelsAsImageMagickForEveryEightBitColourType() throws {
        let w = 13, h = 7
        var palette: [UInt8] = []
        for k in 0..<12 { palette += [UInt8(k * 20), UInt8(255 - k * 20), UInt8(k * 7)] }
        let cases: [(String, Data)] = [
            ("gray", Self.png(width: w, height: h, colorType: 0, rows: Self.rows(w, h, 1, seed: 1))),
            ("rgb", Self.png(width: w, height: h, colorType: 2, rows: Self.rows(w, h, 3, seed: 2))),
            ("palette", Self.png(width: w, height: h, colorType: 3, rows: Self.rows(w, h, 1, seed: 3, modulo: 12), palette: palette)),
            ("palette+tRNS", Self.png(width: w, height: h, colorType: 3, rows: Self.rows(w, h, 1, seed: 4, modulo: 12),
                                      palette: palette, trns: [0, 128, 255, 7])),
            ("gray+alpha", Self.png(width: w, height: h, colorType: 4, rows: Self.rows(w, h, 2, seed: 5))),
            ("rgba", Self.png(width: w, height: h, colorType: 6, rows: Self.rows(w, h, 4, seed: 6))),
            ("rgb+sRGB gamma", Self.png(width: w, height: h, colorType: 2, rows: Self.rows(w, h, 3, seed: 7), gamma: 45455)),
            ("dman encoder", try ImageCodec.pngData(SyntheticImage.textured(width: 40, height: 30, seed: 8))),
        ]
        for (name, data) in cases {
            let fast = try #require(PNGFastDecoder.decode(data), "fast path declined \(name)")
            let magick = try ImageCodec.decode(data).image
            #expect(fast == magick, "\(name): pixels differ from ImageMagick's")
        }
    }

    @Test func declinesWhatItCannotReadAlike() {
        let w = 5, h = 4
        #expect(PNGFastDecoder.decode(Self.png(width: w, height: h, colorType: 2, bitDepth: 16, rows: Self.rows(w, h, 6, seed: 1))) == nil)
        #expect(PNGFastDecoder.decode(Self.png(width: w, height: h, colorType: 2, rows: Self.rows(w, h, 3, seed: 2), gamma: 100000)) == nil)
        #expect(PNGFastDecoder.decode(Data("not a png at all, not at all.............".utf8)) == nil)
        let good = Self.png(width: w, height: h, colorType: 2, rows: Self.rows(w, h, 3, seed: 3))
        #expect(PNGFastDecoder.decode(good.prefix(good.count - 20)) == nil, "truncated data falls back to the full decoder")
    }
}
