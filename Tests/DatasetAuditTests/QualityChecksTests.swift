import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Each check fires on a synthetic positive and stays quiet on the ordinary pictures.
@Suite struct QualityChecksTests {
    static func filled(_ w: Int, _ h: Int, channels: Int = 3, _ f: (Int, Int) -> [UInt8]) -> PixelImage {
        var img = PixelImage(width: w, height: h, channels: channels)
        for y in 0..<h { for x in 0..<w { img[x, y] = f(x, y) } }
        return img
    }

    /// Positives by the issue they must raise; every other image is a normal textured picture.
    static func positives() -> [(AuditIssue, AuditFixtures.Item)] {
        var rng = SplitMix64(seed: 9)
        func noise(_ span: Int) -> Int { Int(rng.next() % UInt64(span)) }
        let dark = filled(64, 64) { _, _ in [UInt8(10 + noise(20)), UInt8(10 + noise(20)), UInt8(15 + noise(20))] }
        let light = filled(64, 64) { _, _ in [UInt8(246 + noise(9)), UInt8(246 + noise(9)), UInt8(246 + noise(9))] }
        let blurry = filled(64, 64) { x, y in [UInt8(x * 3 + 20), UInt8(y * 3 + 20), UInt8(100)] }
        let flat = filled(64, 64) { _, _ in [90, 140, 60] }
        let tall = AuditFixtures.picture(31).cropped(width: 64, height: 20)
        let gray = filled(64, 64) { x, y in let v = UInt8((x * 7 + y * 13 + noise(30)) % 256); return [v, v, v] }
        var letterbox = AuditFixtures.picture(32)
        for y in 0..<64 where y < 8 || y >= 56 { for x in 0..<64 { letterbox[x, y] = [0, 0, 0] } }
        var alpha = PixelImage(width: 64, height: 64, channels: 4)
        let base = AuditFixtures.picture(33)
        for y in 0..<64 { for x in 0..<64 { alpha[x, y] = base[x, y] + [x < 32 ? 0 : 255] } }
        func item(_ id: String, _ img: PixelImage, upscale: Double = 1, pad: Double = 0) -> AuditFixtures.Item {
            AuditFixtures.Item(id: id, family: id, image: img, padFraction: pad, upscale: upscale)
        }
        return [
            (.dark, item("dark", dark)), (.light, item("light", light)), (.blurry, item("blurry", blurry)),
            (.lowInformation, item("flat", flat)), (.oddAspectRatio, item("tall", tall)), (.grayscale, item("gray", gray)),
            (.borderBands, item("letterbox", letterbox)), (.transparency, item("alpha", alpha)),
            (.upscaled, item("upscaled", AuditFixtures.picture(34), upscale: 3)),
            (.mostlyPadding, item("padded", AuditFixtures.picture(35), pad: 0.7)),
        ]
    }

    @Test func eachCheckFiresOnItsPositiveAndNotOnNormalPictures() throws {
        let dir = TemporaryDirectory()
        let pos = Self.positives()
        var normals = (0..<8).map { AuditFixtures.Item(id: "normal\($0)", family: "normal\($0)", image: AuditFixtures.picture(100 + UInt64($0))) }
        normals[0].upscale = 1.5  // below the 2× threshold
        normals[1].padFraction = 0.2
        // A sprite standing on a flat background is not letterboxed.
        let sprite = AuditFixtures.picture(40)
        normals.append(.init(id: "sprite", family: "sprite", image: Self.filled(64, 64) { x, y in
            (20..<44).contains(x) && (14..<60).contains(y) ? sprite[x, y] : [128, 128, 128] }))
        // Opaque RGBA is not leftover transparency.
        normals.append(.init(id: "opaque", family: "opaque", image: Self.filled(64, 64, channels: 4) { x, y in sprite[x, y] + [255] }))
        try AuditFixtures.makeDataset(pos.map(\.1) + normals, in: dir.url)
        var options = Auditor.Options()
        options.useCache = false
        let report = try Auditor(options: options).audit(folder: dir.url).report
        let normalFiles = Set(normals.map { "\($0.id).png" })
        for (issue, item) in pos {
            let flagged = Set((report.findings[issue.rawValue] ?? []).map(\.file))
            #expect(flagged.contains("\(item.id).png"), "\(issue.rawValue) should flag \(item.id)")
        }
        for issue in AuditIssue.allCases where issue != .nearDuplicates && issue != .exactDuplicates && issue != .oddSize {
            let flagged = Set((report.findings[issue.rawValue] ?? []).map(\.file))
            #expect(flagged.isDisjoint(with: normalFiles), "\(issue.rawValue) flagged normal pictures: \(flagged.intersection(normalFiles))")
        }
    }

    @Test func oddSizeFlagsTheOutlierOnly() throws {
        let dir = TemporaryDirectory()
        for k in 0..<9 { try AuditFixtures.writePNG(AuditFixtures.picture(UInt64(k)), dir.url, "n\(k).png") }
        try AuditFixtures.writePNG(AuditFixtures.picture(50, side: 320), dir.url, "huge.png")
        var options = Auditor.Options()
        options.useCache = false
        let report = try Auditor(options: options).audit(folder: dir.url).report
        #expect(report.kind == "folder")
        #expect((report.findings["odd_size"] ?? []).map(\.file) == ["huge.png"])
    }

    @Test func grayscaleNeedsAColourSet() throws {
        let dir = TemporaryDirectory()
        for k in 0..<4 {
            let g = Self.filled(48, 48) { x, y in let v = UInt8((x * 5 + y * 3 + k * 17) % 256); return [v, v, v] }
            try AuditFixtures.writePNG(g, dir.url, "g\(k).png")
        }
        var options = Auditor.Options()
        options.useCache = false
        let report = try Auditor(options: options).audit(folder: dir.url).report
        #expect(report.findings["grayscale"] == nil)
    }

    /// `mostly_padding` fires above the same limit as crop's `--max-pad` warning, not above a looser one.
    @Test func mostlyPaddingAgreesWithCropsMaxPad() throws {
        #expect(AuditThresholds().padding == PaddingLimit.defaultMaxFraction)
        let dir = TemporaryDirectory()
        let items = [(0.2, "under"), (0.3, "over")].enumerated().map { k, p in
            AuditFixtures.Item(id: p.1, family: p.1, image: AuditFixtures.picture(200 + UInt64(k)), padFraction: p.0)
        }
        try AuditFixtures.makeDataset(items, in: dir.url)
        var options = Auditor.Options()
        options.useCache = false
        let report = try Auditor(options: options).audit(folder: dir.url).report
        #expect((report.findings["mostly_padding"] ?? []).map(\.file) == ["over.png"])
    }
}

extension PixelImage {
    func cropped(width w: Int, height h: Int) -> PixelImage {
        var out = PixelImage(width: w, height: h, channels: channels)
        for y in 0..<h { for x in 0..<w { out[x, y] = self[x, y] } }
        return out
    }

}
