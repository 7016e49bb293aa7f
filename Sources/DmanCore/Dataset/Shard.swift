/// One slice of a job split across machines (`--shard I/N`).
///
/// Items are assigned by a stable hash of their key (source file or record
/// id), not by position, so every shard agrees on the split without seeing
/// the others and adding an item does not move the rest.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// This shard's index, `0..<count`.
    public let index: Int
    /// Total number of shards.
    public let count: Int

    /// The whole job as one shard.
    public static let all = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "shard index out of range")
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (e.g. `0/3`); `nil` when malformed or out of range.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        self.init(index: i, count: n)
    }

    /// Whether the item with this key belongs to this shard.
    public func contains(_ key: String) -> Bool {
        count == 1 || Int(Self.stableHash(key) % UInt64(count)) == index
    }

    /// FNV-1a 64 of the key's UTF-8 bytes (stable across runs and machines,
    /// unlike Swift's seeded `Hashable`).
    public static func stableHash(_ key: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    public var description: String { "\(index)/\(count)" }
}
