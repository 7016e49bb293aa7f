import DmanCore
import Testing

@Suite struct ShardTests {
    @Test func shardsPartitionTheItems() {
        let keys = (0..<500).map { "picture_\($0).jpg" }
        for n in 1...5 {
            let shards = (0..<n).map { Shard(index: $0, count: n) }
            for key in keys {
                #expect(shards.filter { $0.contains(key) }.count == 1)
            }
            if n > 1 {
                // A stable hash spreads items: no shard is empty or holds nearly all.
                let sizes = shards.map { s in keys.filter { s.contains($0) }.count }
                #expect(sizes.allSatisfy { $0 > 500 / n / 2 && $0 < 500 * 2 / n })
            }
        }
    }

    @Test func parsing() {
        #expect(Shard(parsing: "1/3") == Shard(index: 1, count: 3))
        #expect(Shard(parsing: "3/3") == nil)
        #expect(Shard(parsing: "-1/3") == nil)
        #expect(Shard(parsing: "1") == nil)
        #expect(Shard(parsing: "0/0") == nil)
    }

    @Test func hashIsStableAcrossRuns() {
        // FNV-1a 64 of "a" (published test vector).
        #expect(Shard.stableHash("a") == 0xAF63_DC4C_8601_EC8C)
    }
}
