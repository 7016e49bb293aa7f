/// SplitMix64: a small, fast, seedable generator. Every random choice in dman
/// goes through one of these, so the same seed gives the same output.
public struct SplitMix64: RandomNumberGenerator, Sendable, Codable, Equatable {
    /// The generator's whole state (saved in checkpoints).
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for one item of one stage, independent of processing order:
    /// derived from (seed, item id, stage) by hashing, not from a shared stream.
    public static func derived(seed: UInt64, item: String, stage: String) -> SplitMix64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a over "stage\0item"
        for b in stage.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        h = (h ^ 0) &* 0x100_0000_01B3
        for b in item.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        var g = SplitMix64(seed: seed ^ h)
        _ = g.next()
        return g
    }

    /// A uniform `Double` in [0, 1) with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }
}
