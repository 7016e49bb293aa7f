import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 13, point 1: candidates from the hashes are decided on content, and
/// groups never chain.
@Suite struct VerificationTests {
    static func sprite(_ seed: UInt64, side: Int = 128, dx: Int = 0, dy: Int = 0) -> PixelImage {
        SyntheticImage.sprite(seed, side: side, dx: dx, dy: dy)
    }

    @Test func shiftedAndBrightenedCopiesPassDifferentSpritesOnOneBackgroundDoNot() {
        let a = DetailThumbnail(Self.sprite(1))
        let shifted = DetailThumbnail(Self.sprite(1, dx: 3, dy: -2))
        let brighter = DetailThumbnail(AuditFixtures.brightened(Self.sprite(1), by: 12))
        let least = NearDuplicateRule().verification!
        #expect(PairVerifier.score(a, shifted) >= least)
        #expect(PairVerifier.score(a, brighter) >= 0.99)
        for other in 2...6 {
            let b = DetailThumbnail(Self.sprite(UInt64(other)))
            #expect(PairVerifier.score(a, b) < least, "sprite \(other) on the same background scored as a duplicate")
        }
    }

    @Test func foregroundIgnoresAFlatOrGradientBackground() {
        var gradient = PixelImage(width: 64, height: 64)
        for y in 0..<64 { for x in 0..<64 { for c in 0..<3 { gradient.pixels[(y * 64 + x) * 3 + c] = UInt8(40 + x + y) } } }
        #expect(DetailThumbnail(gradient).foreground.max()! < 0.05)
        #expect(DetailThumbnail(Self.sprite(3)).foreground.filter { $0 > 0.9 }.count > 300)
    }

    @Test func groupsAreStarsAroundTheBestFamilyNotChains() {
        let links = [("A", "B"), ("B", "C"), ("C", "D"), ("E", "F")]
        let groups = DuplicateAnalysis.starGroups(links: links, rank: { $0.sorted() })
        #expect(groups == ["A": "A", "B": "A", "C": "C", "D": "C", "E": "E", "F": "E"])
        // The rank decides who represents: with B first, A and C join B; D, linked only to C, is alone.
        let byB = DuplicateAnalysis.starGroups(links: links, rank: { $0.sorted { ($0 == "B" ? 0 : 1, $0) < ($1 == "B" ? 0 : 1, $1) } })
        #expect(byB["A"] == "B" && byB["C"] == "B" && byB["D"] == "D")
    }

    /// Families of augmentations compare like for like: a flipped variant of
    /// one character resembling another character's original never links them.
    @Test func onlyEachFamilysOriginalIsCompared() throws {
        let dir = TemporaryDirectory()
        let a = Self.sprite(7), b = Self.sprite(8)
        let aFlipped = Self.flipped(a)
        try AuditFixtures.makeDataset([
            .init(id: "a0", family: "A", image: a), .init(id: "a1", family: "A", image: aFlipped),
            // B's original is a different sprite; one of B's variants happens to be A's flip, brightened.
            .init(id: "b0", family: "B", image: b), .init(id: "b1", family: "B", image: AuditFixtures.brightened(aFlipped, by: 6)),
            // C is a true duplicate of A (shifted 2 px, brighter).
            .init(id: "c0", family: "C", image: AuditFixtures.brightened(Self.sprite(7, dx: 2, dy: 2), by: 8)),
        ], in: dir.url)
        var o = Auditor.Options()
        o.useCache = false
        let r = try Auditor(options: o).audit(folder: dir.url)
        #expect(r.report.nearDuplicates == [["a0.png", "c0.png"]], "\(r.report.nearDuplicates)")
        let plan = try Quarantine.dedupe(result: r, folder: dir.url, dryRun: true)
        #expect(plan.groups == [.init(kept: "A", moved: ["C"])])
        #expect(r.report.nearDuplicatePairs.allSatisfy { ($0.score ?? 0) >= NearDuplicateRule().verification! })
    }

    static func flipped(_ img: PixelImage) -> PixelImage {
        var out = img
        for y in 0..<img.height { for x in 0..<img.width { for c in 0..<3 {
            out.pixels[(y * img.width + x) * 3 + c] = img.pixels[(y * img.width + img.width - 1 - x) * 3 + c]
        } } }
        return out
    }
}
