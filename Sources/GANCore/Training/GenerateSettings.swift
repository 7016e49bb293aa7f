import DmanCore

/// What `dman generate` (and a pipeline's `[generate]` section) asks for:
/// how many images, from which seed.
public struct GenerateSettings: Sendable, Equatable {
    /// The keys ``init(settings:)`` reads: `dman generate`'s long flags without the dashes.
    public static let settingKeys = ["count", "seed"]

    /// Images to write (at least 1).
    public var count = 100
    /// Seed of z.
    public var seed: UInt64 = 0

    public init() {}

    /// Settings read and checked as `dman generate` checks its flags.
    public init(settings s: StageSettings) throws(SettingError) {
        self.init()
        if let n = try s.int("count") { count = n }
        try s.require(count >= 1, "count", "must be 1 or more")
        if let n = try s.uint64("seed") { seed = n }
    }
}
