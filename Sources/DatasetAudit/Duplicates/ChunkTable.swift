/// One chunk's buckets: hash positions sorted by the chunk's value, with a
/// dense offset table (counting sort; `bits` ≤ 21).
struct ChunkTable: Sendable {
    let shift: UInt64
    let bits: Int
    let offsets: [Int32]
    let members: [Int32]
    /// Keys whose bucket holds at least one hash, ascending.
    let nonEmpty: [UInt32]
    /// Index in ``nonEmpty`` where each block of 2^12 keys starts (one extra at the end).
    let blockStart: [Int]

    init(hashes: [UInt64], chunk: Int, of m: Int) {
        let start = 64 * chunk / m, end = 64 * (chunk + 1) / m
        shift = UInt64(start)
        bits = end - start
        let size = 1 << bits
        let mask = UInt64(size - 1)
        var counts = [Int32](repeating: 0, count: size + 1)
        for h in hashes { counts[Int((h >> UInt64(start)) & mask) + 1] += 1 }
        for i in 0..<size { counts[i + 1] += counts[i] }
        var fill = counts
        var members = [Int32](repeating: 0, count: hashes.count)
        for (i, h) in hashes.enumerated() {
            let k = Int((h >> UInt64(start)) & mask)
            members[Int(fill[k])] = Int32(i)
            fill[k] += 1
        }
        offsets = counts
        self.members = members
        let keys = (0..<size).compactMap { counts[$0 + 1] > counts[$0] ? UInt32($0) : nil }
        nonEmpty = keys
        // blockStart[b]: first index in nonEmpty of a key in block b (blocks of 2^12 keys).
        let blocks = max(1, size >> 12)
        var starts = [Int](repeating: keys.count, count: blocks + 1)
        var i = 0
        for b in 0..<blocks {
            while i < keys.count && Int(keys[i]) >> 12 < b { i += 1 }
            starts[b] = i
        }
        blockStart = starts
    }

    @inline(__always) func key(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: (h >> shift) & ((1 << UInt64(bits)) - 1)) }

    @inline(__always) func bucket(_ key: UInt32) -> ArraySlice<Int32> {
        members[Int(offsets[Int(key)])..<Int(offsets[Int(key) + 1])]
    }
}
