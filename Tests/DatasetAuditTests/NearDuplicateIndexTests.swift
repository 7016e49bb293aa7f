import DatasetAudit
import DmanCore
import Foundation
import Testing

@Suite struct NearDuplicateIndexTests {
    /// Random hashes plus planted neighbours at known distances.
    static func hashes(_ n: Int, seed: UInt64) -> [UInt64] {
        var rng = SplitMix64(seed: seed)
        var out: [UInt64] = []
        while out.count < n {
            let h = rng.next()
            out.append(h)
            if rng.next() % 3 == 0 {  // a neighbour 0...12 bits away
                var g = h
                for _ in 0..<Int(rng.next() % 13) { g ^= 1 << (rng.next() % 64) }
                out.append(g)
            }
        }
        return out
    }

    @Test(arguments: [3, 4, 5, 6, 8])
    func multiIndexEqualsBruteForce(chunks: Int) {
        let h = Self.hashes(3000, seed: UInt64(chunks))
        let index = NearDuplicateIndex(hashes: h)
        for radius in [0, 4, 8, 10] {
            let brute = index.bruteForcePairs(within: radius, jobs: 2)
            #expect(!brute.isEmpty)
            #expect(index.multiIndexPairs(within: radius, chunks: chunks, jobs: 2) == brute, "r=\(radius) m=\(chunks)")
        }
    }

    @Test func resultsDoNotDependOnJobs() {
        let index = NearDuplicateIndex(hashes: Self.hashes(2000, seed: 5))
        #expect(index.multiIndexPairs(within: 8, chunks: 4, jobs: 1) == index.multiIndexPairs(within: 8, chunks: 4, jobs: 3))
        #expect(index.pairs(within: 8, jobs: 1) == index.pairs(within: 8, jobs: 2))
    }

    @Test func bruteForcePairsAreExact() {
        let h: [UInt64] = [0, 0b111, 0b1, ~0]
        let pairs = NearDuplicateIndex(hashes: h).bruteForcePairs(within: 3, jobs: 2)
        #expect(pairs == [.init(first: 0, second: 1, distance: 3), .init(first: 0, second: 2, distance: 1),
                          .init(first: 1, second: 2, distance: 2)])
    }
}
