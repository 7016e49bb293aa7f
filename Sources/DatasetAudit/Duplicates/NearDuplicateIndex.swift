import DmanCore
import Foundation

/// Finds every pair of 64-bit hashes within a Hamming radius without
/// comparing all pairs.
///
/// Below ``bruteForceCutover`` hashes it compares all pairs with `popcount`
/// (about 1 ns a pair, in parallel). Above it uses multi-index hashing
/// (Norouzi et al., "Fast Search in Hamming Space with Multi-Index Hashing",
/// CVPR 2012): the 64 bits are cut into `m` chunks; by the pigeonhole
/// principle two hashes within radius `r` agree within `⌊r/m⌋` bits on at
/// least one chunk, so each hash only probes the buckets near its own chunks.
/// `m` is chosen per call from a cost model (probes plus expected bucket
/// occupancy). Results are the same set either way, sorted, for any `jobs`.
///
///     let index = NearDuplicateIndex(hashes: hashes)
///     for pair in index.pairs(within: 10) { print(pair.first, pair.second, pair.distance) }
public struct NearDuplicateIndex: Sendable {
    /// One pair of hashes within the radius (`first < second`, positions in ``hashes``).
    public struct Pair: Sendable, Hashable, Comparable {
        public var first: Int
        public var second: Int
        public var distance: Int

        public init(first: Int, second: Int, distance: Int) {
            self.first = first
            self.second = second
            self.distance = distance
        }

        public static func < (a: Pair, b: Pair) -> Bool { (a.first, a.second) < (b.first, b.second) }
    }

    /// Below this many hashes, all pairs are compared. Measured with
    /// `bench/audit/speed.sh` (cut-over table, 2 cores, random hashes): at
    /// n = 2000 brute force takes 5.6 ms and the bucket join 1.4 ms (r = 8);
    /// at 10k, 121 ms vs 7 ms. Below 2000 both take milliseconds and brute
    /// force has no worst case on clustered real hashes (one huge bucket).
    public static let bruteForceCutover = 2_000

    /// The indexed hashes.
    public let hashes: [UInt64]

    public init(hashes: [UInt64]) { self.hashes = hashes }

    /// All pairs within `radius` (inclusive), sorted by (first, second).
    public func pairs(within radius: Int, jobs: Int = Parallel.defaultJobs) -> [Pair] {
        precondition(radius >= 0 && radius < 64, "radius must be in 0..<64")
        if hashes.count < Self.bruteForceCutover { return bruteForcePairs(within: radius, jobs: jobs) }
        return multiIndexPairs(within: radius, chunks: Self.chunkCount(n: hashes.count, radius: radius), jobs: jobs)
    }

    /// All-pairs comparison (exposed for benchmarks and tests).
    public func bruteForcePairs(within radius: Int, jobs: Int = Parallel.defaultJobs) -> [Pair] {
        let n = hashes.count
        let blocks = Self.blocks(n, jobs: jobs)
        let h = hashes
        let parts = Parallel.map(blocks, jobs: jobs) { range -> [Pair] in
            var out: [Pair] = []
            h.withUnsafeBufferPointer { p in
                for i in range {
                    let a = p[i]
                    for j in (i + 1)..<n {
                        let d = (a ^ p[j]).nonzeroBitCount
                        if d <= radius { out.append(Pair(first: i, second: j, distance: d)) }
                    }
                }
            }
            return out
        }
        return parts.flatMap { $0 }
    }

    /// Multi-index search with `chunks` chunks (3...8; exposed for benchmarks).
    ///
    /// Implemented as a join of buckets rather than one lookup per hash: for
    /// each chunk and each flip mask of weight ≤ ⌊r/m⌋, every non-empty bucket
    /// `k` meets bucket `k ^ mask`. Keys are taken in blocks of 2^12 and masks
    /// in order of their high bits, so the two offset blocks a step reads stay
    /// in cache; each candidate pair is met once per chunk (not twice), and
    /// kept only from the first chunk that finds it.
    public func multiIndexPairs(within radius: Int, chunks m: Int, jobs: Int = Parallel.defaultJobs) -> [Pair] {
        precondition((3...8).contains(m), "chunks must be 3...8")
        let tables = (0..<m).map { ChunkTable(hashes: hashes, chunk: $0, of: m) }
        let sub = radius / m
        let h = hashes
        // Work units: ranges of key blocks of one table. Keys are visited block
        // by block (2^12 keys, 16 KB of offsets), and within a block by masks
        // sorted on their high bits, so both blocks a step touches stay in cache.
        let masksOf = tables.map { t in Self.masks(bits: t.bits, weight: sub).sorted { ($0 >> 12, $0) < ($1 >> 12, $1) } }
        var units: [(table: Int, blocks: Range<Int>)] = []
        for t in 0..<m {
            let count = tables[t].blockStart.count - 1
            let step = max(1, count / max(1, jobs * 8))
            var b = 0
            while b < count { units.append((t, b..<min(b + step, count))); b += step }
        }
        let parts = Parallel.map(units, jobs: jobs) { unit -> [Pair] in
            let t = unit.table
            let table = tables[t], masks = masksOf[t]
            var out: [Pair] = []
            table.offsets.withUnsafeBufferPointer { off in
                table.members.withUnsafeBufferPointer { mem in
                    table.nonEmpty.withUnsafeBufferPointer { keys in
                        h.withUnsafeBufferPointer { hp in
                            @inline(__always) func consider(_ a: Int, _ b: Int) {
                                let ha = hp[a], hb = hp[b]
                                let d = (ha ^ hb).nonzeroBitCount
                                guard d <= radius else { return }
                                for e in 0..<t where (tables[e].key(ha) ^ tables[e].key(hb)).nonzeroBitCount <= sub { return }
                                out.append(a < b ? Pair(first: a, second: b, distance: d) : Pair(first: b, second: a, distance: d))
                            }
                            for block in unit.blocks {
                                let ks = table.blockStart[block]..<table.blockStart[block + 1]
                                if ks.isEmpty { continue }
                                for mask in masks {
                                    for ki in ks {
                                        let k = keys[ki], k2 = k ^ mask
                                        if mask != 0 && k2 < k { continue }
                                        let s1 = Int(off[Int(k)]), e1 = Int(off[Int(k) + 1])
                                        if mask == 0 {
                                            for i in s1..<e1 { for j in (i + 1)..<e1 { consider(Int(mem[i]), Int(mem[j])) } }
                                        } else {
                                            let s2 = Int(off[Int(k2)]), e2 = Int(off[Int(k2) + 1])
                                            if s2 == e2 { continue }
                                            for i in s1..<e1 { for j in s2..<e2 { consider(Int(mem[i]), Int(mem[j])) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return out
        }
        return parts.flatMap { $0 }.sorted()
    }

    /// Chunk count minimising probes plus expected candidates (each scaled
    /// by a measured relative cost).
    public static func chunkCount(n: Int, radius: Int) -> Int {
        var best = 3, bestCost = Double.infinity
        for m in 3...8 {
            let bits = 64 / m, sub = radius / m
            var probes = 0.0, c = 1.0
            for i in 0...sub { if i > 0 { c = c * Double(bits - i + 1) / Double(i) }; probes += c }
            let buckets = Double(1 << bits)
            let nonEmpty = buckets * (1 - exp(-Double(n) / buckets))
            let candidates = probes * Double(n) * Double(n) / buckets / 2
            let cost = Double(m) * (probes * nonEmpty * 0.5 + candidates)
            if cost < bestCost { bestCost = cost; best = m }
        }
        return best
    }

    /// Every `bits`-bit mask with at most `weight` ones.
    static func masks(bits: Int, weight: Int) -> [UInt32] {
        var out: [UInt32] = [0]
        var frontier: [(UInt32, Int)] = [(0, 0)]
        for _ in 0..<weight {
            var next: [(UInt32, Int)] = []
            for (m, lowest) in frontier { for b in lowest..<bits { next.append((m | (1 << UInt32(b)), b + 1)) } }
            out += next.map { $0.0 }
            frontier = next
        }
        return out
    }

    /// Contiguous ranges of query indices, several per worker for balance.
    static func blocks(_ n: Int, jobs: Int) -> [Range<Int>] {
        guard n > 0 else { return [] }
        // Triangular loops: earlier rows are longer, so use many small blocks.
        let count = min(n, max(1, jobs) * 16)
        return (0..<count).map { k in (n * k / count)..<(n * (k + 1) / count) }.filter { !$0.isEmpty }
    }
}
