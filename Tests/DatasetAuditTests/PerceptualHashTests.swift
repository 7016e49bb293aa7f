import DatasetAudit
import DmanCore
import Foundation
import Testing

@Suite struct PerceptualHashTests {
    struct Golden: Decodable {
        struct Case: Decodable { var name, gray32, phash, dhash, ahash, whash: String; var whash_median_tie: Bool }
        struct Picture: Decodable { var file, phash, dhash, ahash, whash: String }
        var cases: [Case]
        var picture: Picture
    }

    static func golden() throws -> Golden {
        let url = try #require(Bundle.module.url(forResource: "hash_golden", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }

    static func bytes(hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = hex.makeIterator()
        while let a = it.next(), let b = it.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
        return out
    }

    @Test func gray32HashesMatchImagehashBitForBit() throws {
        let g = try Self.golden()
        #expect(g.cases.count >= 20)
        #expect(g.cases.filter { !$0.whash_median_tie }.count >= 15)
        for c in g.cases {
            let gray = Self.bytes(hex: c.gray32)
            #expect(PerceptualHash.hex(PerceptualHash.phash(gray32: gray)) == c.phash, "phash \(c.name)")
            #expect(PerceptualHash.hex(PerceptualHash.dhash(gray32: gray)) == c.dhash, "dhash \(c.name)")
            #expect(PerceptualHash.hex(PerceptualHash.ahash(gray32: gray)) == c.ahash, "ahash \(c.name)")
            // Where two block sums tie at the median, pywt's rounding noise picks
            // imagehash's bit; dman compares exact integer sums (documented).
            if !c.whash_median_tie {
                #expect(PerceptualHash.hex(PerceptualHash.whash(gray32: gray)) == c.whash, "whash \(c.name)")
            }
        }
    }

    @Test func pictureHashesMatchImagehashWithPillowResampling() throws {
        let g = try Self.golden()
        let url = try #require(Bundle.module.url(forResource: "rgb_80x56", withExtension: "png", subdirectory: "Fixtures"))
        let image = try ImageCodec.decode(Data(contentsOf: url)).image
        #expect(PerceptualHash.hex(PerceptualHash.phash(image)) == g.picture.phash)
        #expect(PerceptualHash.hex(PerceptualHash.dhash(image)) == g.picture.dhash)
        #expect(PerceptualHash.hex(PerceptualHash.ahash(image)) == g.picture.ahash)
        #expect(PerceptualHash.hex(PerceptualHash.whash(image)) == g.picture.whash)
    }

    @Test func pHashIsBalancedAndStableUnderSmallChanges() {
        let a = SyntheticImageSource.make(1)
        let b = AuditFixtures.brightened(a, by: 6)
        let c = SyntheticImageSource.make(2)
        let ha = PerceptualHash.phash(gray32: Thumbnail.gray32(a))
        #expect(ha.nonzeroBitCount == 32)  // median split of 64 distinct coefficients
        #expect(PerceptualHash.distance(ha, PerceptualHash.phash(gray32: Thumbnail.gray32(b))) <= 8)
        #expect(PerceptualHash.distance(ha, PerceptualHash.phash(gray32: Thumbnail.gray32(c))) > 16)
    }

    @Test func hexMatchesImagehashFormat() {
        #expect(PerceptualHash.hex(0x00ff_0000_0000_0001) == "00ff000000000001")
        #expect(PerceptualHash.distance(0b1011, 0b0110) == 3)
    }
}

enum SyntheticImageSource {
    static func make(_ seed: UInt64) -> PixelImage { AuditFixtures.picture(seed, side: 96) }
}

@Suite struct ThumbnailTests {
    @Test(arguments: [(128, 128), (64, 96), (256, 32), (100, 70), (33, 65)])
    func fusedThumbnailEqualsTheGeneralPath(size: (Int, Int)) {
        var rng = SplitMix64(seed: UInt64(size.0 * 1000 + size.1))
        for channels in [3, 4] {
            let image = PixelImage(width: size.0, height: size.1, channels: channels,
                                   pixels: (0..<(size.0 * size.1 * channels)).map { _ in UInt8(rng.next() & 0xFF) })
            var luma = [UInt8](repeating: 0, count: image.area)
            for i in 0..<image.area {
                let o = i * channels
                let v = UInt32(image.pixels[o]) * 19595 + UInt32(image.pixels[o + 1]) * 38470 + UInt32(image.pixels[o + 2]) * 7471
                luma[i] = UInt8((v + 0x8000) >> 16)
            }
            #expect(Thumbnail.gray32(image) == Thumbnail.gray32(luma: luma, width: size.0, height: size.1))
        }
    }
}
