import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 13, point 3, end to end in the order the README recommends
/// (augment, then audit --dedupe): every duplicate group keeps a family and
/// no character without a duplicate is quarantined, although flips and
/// rotations multiply the pictures each family could be matched on.
@Suite struct AugmentedDedupeTests {
    @Test func dedupeAfterAugmentMovesExactlyTheDuplicates() throws {
        let tmp = TemporaryDirectory("augmented-dedupe")
        let pictures = tmp.path("pictures")
        try FileManager.default.createDirectory(at: pictures, withIntermediateDirectories: true)
        // Eight characters on one background; 1 and 2 were collected twice
        // more (shifted 2 px, brighter), so the truth is {c1, c1b, c1c}, {c2, c2b}.
        let truthGroups: [[String]] = [["c1", "c1b", "c1c"], ["c2", "c2b"]]
        for seed in 1...8 { try write(SyntheticImage.sprite(UInt64(seed), side: 96), "c\(seed)", pictures) }
        try write(bright(SyntheticImage.sprite(1, side: 96, dx: 2, dy: -2), 10), "c1b", pictures)
        try write(bright(SyntheticImage.sprite(1, side: 96, dx: -1, dy: 2), -8), "c1c", pictures)
        try write(bright(SyntheticImage.sprite(2, side: 96, dx: 2, dy: 1), 6), "c2b", pictures)
        let aug = tmp.path("aug")
        let a = try CLIRunner.run(["augment", pictures.path, "-o", aug.path, "--rotations", "±5", "--unsharp", "0x1+1+0.05", "--flip", "-q"])
        #expect(a.status == 0, "\(a.stderr)")
        let r = try CLIRunner.run(["audit", aug.path, "--dedupe", "--order", "balanced", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try DatasetFolder(aug).load()
        let stem = { (rec: DatasetRecord) in ((rec.provenance.source as NSString).lastPathComponent as NSString).deletingPathExtension }
        let kept = Set(doc.records.map(stem)), moved = Set((doc.quarantine ?? []).map { stem($0.record) })
        for g in truthGroups { #expect(g.contains(where: kept.contains), "group \(g) lost every member") }
        let uniques = Set((1...8).map { "c\($0)" }).subtracting(["c1", "c2"])
        #expect(moved.isDisjoint(with: uniques), "characters without a duplicate quarantined: \(moved.intersection(uniques))")
        #expect(moved.count == 3, "moved \(moved.sorted()); ideal: two of c1's group, one of c2's")
        #expect(kept.count + moved.count == 11 && kept.isDisjoint(with: moved))
    }

    func write(_ img: PixelImage, _ name: String, _ dir: URL) throws {
        try ImageCodec.pngData(img).write(to: dir.appendingPathComponent("\(name).png"))
    }

    func bright(_ img: PixelImage, _ d: Int) -> PixelImage {
        var out = img
        for i in out.pixels.indices { out.pixels[i] = UInt8(max(0, min(255, Int(out.pixels[i]) + d))) }
        return out
    }
}
