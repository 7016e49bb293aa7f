import DmanCore
import DmanTestSupport
import GANCore
import Testing

/// A 64-bit average hash (8×8 luma block means vs their mean), standing in
/// for the audit's perceptual hash in these tests.
private func modeTestAverageHash(_ image: PixelImage) -> UInt64 {
    let luma = image.luma()
    var cells = [Double](repeating: 0, count: 64)
    for y in 0..<image.height {
        for x in 0..<image.width {
            cells[(y * 8 / image.height) * 8 + x * 8 / image.width] += Double(luma[y * image.width + x])
        }
    }
    let mean = cells.reduce(0, +) / 64
    var h: UInt64 = 0
    for (i, c) in cells.enumerated() where c > mean { h |= 1 << UInt64(i) }
    return h
}

/// `image` with every byte moved by up to ±`amount` (seeded).
private func modeTestNoisy(_ image: PixelImage, amount: Int, seed: UInt64) -> PixelImage {
    var rng = SplitMix64(seed: seed)
    var out = image
    for i in out.pixels.indices {
        let d = Int(rng.next() % UInt64(2 * amount + 1)) - amount
        out.pixels[i] = UInt8(min(255, max(0, Int(out.pixels[i]) + d)))
    }
    return out
}

private func modeTestNoiseImage(seed: UInt64) -> PixelImage {
    var rng = SplitMix64(seed: seed)
    var image = PixelImage(width: 32, height: 32)
    for i in image.pixels.indices { image.pixels[i] = UInt8(truncatingIfNeeded: rng.next()) }
    return image
}

@Suite struct ModeCountTests {
    @Test func connectedComponentsChainAndIgnoreOrder() {
        // 0b000, 0b001, 0b011 chain at distance 1; 0xFF00 is far from all.
        let hashes: [UInt64] = [0b011, 0xFF00, 0b000, 0b001]
        #expect(ModeCount.clusters(hashes: hashes, threshold: 1) == 2)
        #expect(ModeCount.clusters(hashes: hashes.reversed(), threshold: 1) == 2)
        #expect(ModeCount.clusters(hashes: hashes, threshold: 0) == 4)
        #expect(ModeCount.clusterLabels(hashes: hashes, threshold: 1) == [0, 1, 0, 0])
    }

    @Test func twoImagesCopiedWithNoiseAreAtMostTwoModes() {
        let a = SyntheticImage.textured(width: 64, height: 64, seed: 1)
        let b = SyntheticImage.textured(width: 64, height: 64, seed: 2)
        let fakes = (0..<256).map { modeTestNoisy($0 % 2 == 0 ? a : b, amount: 4, seed: UInt64($0)) }
        let reals = (0..<256).map { modeTestNoiseImage(seed: 10_000 + UInt64($0)) }
        let report = ModeCount.report(fake: fakes, real: reals, threshold: 10, hash: modeTestAverageHash)
        #expect(report.fakeModes >= 1 && report.fakeModes <= 2)
        #expect(report.realModes >= 200)
        #expect(report.likelyCollapse)
        #expect(report.message == "modes \(report.fakeModes)/256 vs data \(report.realModes)/256: likely mode collapse")
    }

    @Test func distinctRandomImagesAreAtLeast200ModesAndNotCollapse() {
        let fakes = (0..<256).map { modeTestNoiseImage(seed: UInt64($0)) }
        let reals = (0..<256).map { modeTestNoiseImage(seed: 5_000 + UInt64($0)) }
        let report = ModeCount.report(fake: fakes, real: reals, threshold: 10, hash: modeTestAverageHash)
        #expect(report.fakeModes >= 200)
        #expect(!report.likelyCollapse)
        #expect(report.message == "modes \(report.fakeModes)/256 vs data \(report.realModes)/256")
    }

    @Test func ruleComparesModesPerImage() {
        let r = ModeCountReport(fakeModes: 9, fakeCount: 256, realModes: 181, realCount: 256, threshold: 10, collapseRatio: 0.5)
        #expect(r.message == "modes 9/256 vs data 181/256: likely mode collapse")
        let fine = ModeCountReport(fakeModes: 91, fakeCount: 256, realModes: 181, realCount: 256, threshold: 10, collapseRatio: 0.5)
        #expect(!fine.likelyCollapse)   // 91 ≥ 90.5
        let fewer = ModeCountReport(fakeModes: 50, fakeCount: 64, realModes: 181, realCount: 256, threshold: 10, collapseRatio: 0.5)
        #expect(!fewer.likelyCollapse)  // 50/64 vs 0.5·181/256
    }
}
