import DmanCore
import Testing

@Suite struct SplitMix64Tests {
    @Test func matchesReferenceSequence() {
        // Reference values of SplitMix64 seeded with 1234567 (Vigna's splitmix64.c).
        var g = SplitMix64(seed: 1_234_567)
        #expect(g.next() == 6_457_827_717_110_365_317)
        #expect(g.next() == 3_203_168_211_198_807_973)
        #expect(g.next() == 9_817_491_932_198_370_423)
    }

    @Test func derivedStreamsDependOnItemAndStageOnly() {
        var a = SplitMix64.derived(seed: 9, item: "cat_0", stage: "augment")
        var b = SplitMix64.derived(seed: 9, item: "cat_0", stage: "augment")
        var c = SplitMix64.derived(seed: 9, item: "cat_1", stage: "augment")
        var d = SplitMix64.derived(seed: 9, item: "cat_0", stage: "train")
        let x = a.next()
        #expect(x == b.next())
        #expect(x != c.next())
        #expect(x != d.next())
    }

    @Test func unitDoubleStaysInRange() {
        var g = SplitMix64(seed: 1)
        for _ in 0..<10_000 {
            let v = g.nextUnitDouble()
            #expect(v >= 0 && v < 1)
        }
    }
}
