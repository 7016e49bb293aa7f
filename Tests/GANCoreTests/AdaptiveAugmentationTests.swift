import DmanCore
import GANCore
import Testing

/// ADA's probability update and the per-image skip it drives in DiffAugment.
@Suite struct AdaptiveAugmentationTests {
    static func observe(_ ada: inout AdaptiveAugmentation, _ logits: [Float]) {
        logits.withUnsafeBufferPointer { ada.observe(realLogits: $0) }
    }

    @Test func probabilityRisesWhileDIsConfidentOnRealsAndOnlyEveryInterval() {
        var ada = AdaptiveAugmentation(target: 0.6, interval: 4, imagesToFull: 1000)
        let confident = [Float](repeating: 2, count: 64)
        for _ in 0..<3 { Self.observe(&ada, confident) }
        #expect(ada.probability == 0 && ada.lastRt == nil, "no adjustment before the interval")
        Self.observe(&ada, confident)
        #expect(ada.lastRt == 1)
        #expect(abs(ada.probability - 256.0 / 1000) < 1e-12, "4 × 64 images of 1000 to full: \(ada.probability)")
        for _ in 0..<40 { Self.observe(&ada, confident) }
        #expect(ada.probability == 1, "clamped at 1")
    }

    @Test func probabilityFallsWhenDIsUnsureAndHoldsAtTheTarget() {
        var ada = AdaptiveAugmentation(target: 0.6, interval: 2, imagesToFull: 100)
        ada.probability = 0.5
        // r_t = (3 − 1)/4 = 0.5 < 0.6: down by 8/100.
        for _ in 0..<2 { Self.observe(&ada, [1, 1, 1, -1]) }
        #expect(abs(ada.probability - 0.42) < 1e-12 && ada.lastRt == 0.5)
        // r_t = 0.6 exactly (8 of 10 positive): unchanged.
        for _ in 0..<2 { Self.observe(&ada, [1, 1, 1, 1, -1]) }
        #expect(abs(ada.probability - 0.42) < 1e-12 && abs((ada.lastRt ?? 0) - 0.6) < 1e-12)
        for _ in 0..<40 { Self.observe(&ada, [-3, -3, -3, -3]) }
        #expect(ada.probability == 0, "clamped at 0")
    }

    @Test func skippedImagesPassUnchangedAndTheRestGetThePlainDraw() {
        let shape = [3, 400, 8, 8]
        let x = ChannelMajorAugmentTests.random(shape, seed: 5)
        func augmented(_ probability: Double?) -> (Tensor, DiffAugmentParameters) {
            let a = ChannelMajorAugment(policy: .standard)
            if let probability { a.probability = probability }
            let out = Tensor(shape: [0])
            var rng = SplitMix64(seed: 8)
            a.forward(x, into: out, rng: &rng)
            return (out, a.lastParameters!)
        }
        let (plain, plainDraw) = augmented(nil)
        let (always, _) = augmented(1)
        #expect(always.array == plain.array, "probability 1 is plain DiffAugment, same random stream")
        let (never, _) = augmented(0)
        #expect(never.array == x.array, "probability 0 leaves every image alone")
        let (half, halfDraw) = augmented(0.5)
        let n = shape[1], area = 64
        func image(_ t: Tensor, _ b: Int) -> [Float] { (0..<3).flatMap { c in (0..<area).map { t[(c * n + b) * area + $0] } } }
        var skipped = 0
        for b in 0..<n {
            if halfDraw.skipped[b] { skipped += 1; #expect(image(half, b) == image(x, b)) } else { #expect(image(half, b) == image(plain, b)) }
        }
        #expect(halfDraw.shiftX == plainDraw.shiftX && halfDraw.brightness == plainDraw.brightness, "the op draws come first and are unchanged")
        #expect(skipped > 160 && skipped < 240, "about half of 400 skipped, got \(skipped)")
        // The gradient of a skipped image passes unchanged as well.
        let a = ChannelMajorAugment(policy: .standard)
        a.probability = 0
        var rng = SplitMix64(seed: 1)
        a.forward(x, into: Tensor(shape: [0]), rng: &rng)
        let g = ChannelMajorAugmentTests.random(shape, seed: 6), before = g.array
        a.backward(g)
        #expect(g.array == before)
    }
}
