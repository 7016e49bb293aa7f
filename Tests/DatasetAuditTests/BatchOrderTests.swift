import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct BatchOrderTests {
    /// A random cluster structure: sizes drawn from a skewed distribution.
    static func structure(seed: UInt64, n: Int) -> (ids: [String], clusters: [String: String]) {
        var rng = SplitMix64(seed: seed)
        var ids: [String] = [], clusters: [String: String] = [:]
        var c = 0
        while ids.count < n {
            let r = rng.next() % 100
            let size = r < 60 ? 1 : r < 85 ? 2 + Int(rng.next() % 3) : 5 + Int(rng.next() % 12)
            for _ in 0..<min(size, n - ids.count) {
                let id = "img\(ids.count)"
                ids.append(id)
                clusters[id] = "c\(c)"
            }
            c += 1
        }
        return (ids, clusters)
    }

    @Test func zeroCollisionsWheneverFeasibleOnRandomStructures() {
        var feasibleSeen = 0, infeasibleSeen = 0
        for seed in 0..<60 as Range<UInt64> {
            var rng = SplitMix64(seed: seed &* 7919)
            let n = 40 + Int(rng.next() % 400)
            let batch = [4, 8, 16, 32, 64][Int(rng.next() % 5)]
            let (ids, clusters) = Self.structure(seed: seed, n: n)
            let order = BatchOrder.balanced(ids: ids, clusters: clusters, batch: batch, seed: seed)
            #expect(order.sorted() == ids.sorted(), "a permutation of the ids")
            var sizes: [String: Int] = [:]
            for id in ids { sizes[clusters[id]!, default: 0] += 1 }
            let stats = BatchOrder.stats(order, clusters: clusters, batch: batch)
            if BatchOrder.isFeasible(clusterSizes: Array(sizes.values), batch: batch) {
                feasibleSeen += 1
                #expect(stats.windowCollisions == 0, "seed \(seed) n \(n) batch \(batch)")
                #expect(stats.worst == 0)
            } else {
                infeasibleSeen += 1
                // Lower bound: the biggest cluster c needs c − ⌈n/batch⌉ … at least
                // c − (number of windows it can use) repeats; the order must not be
                // worse than a uniform shuffle.
                let shuffle = BatchOrder.stats(BatchOrder.shuffled(ids: ids, seed: seed), clusters: clusters, batch: batch)
                #expect(stats.windowCollisions <= shuffle.windowCollisions)
            }
        }
        #expect(feasibleSeen > 20 && infeasibleSeen > 0)
    }

    @Test func infeasibleStructureHasTheMinimumCollisions() {
        // One cluster of 10 in 20 images, batch 4: it can take at most one slot in
        // every 4; 20 positions hold 5 such slots, so ≥ 5 of its 10 must collide.
        var clusters: [String: String] = [:]
        let ids = (0..<20).map { "i\($0)" }
        for (k, id) in ids.enumerated() { clusters[id] = k < 10 ? "big" : id }
        let order = BatchOrder.balanced(ids: ids, clusters: clusters, batch: 4, seed: 3)
        #expect(!BatchOrder.isFeasible(clusterSizes: [10] + Array(repeating: 1, count: 10), batch: 4))
        #expect(BatchOrder.stats(order, clusters: clusters, batch: 4).windowCollisions <= 6)
    }

    @Test func sameSeedSameOrderAndEpochsDiffer() {
        let (ids, clusters) = Self.structure(seed: 1, n: 200)
        var sizes: [String: Int] = [:]
        for id in ids { sizes[clusters[id]!, default: 0] += 1 }
        #expect(BatchOrder.isFeasible(clusterSizes: Array(sizes.values), batch: 8))
        let a = BatchOrder.balanced(ids: ids, clusters: clusters, batch: 8, seed: 5)
        #expect(a == BatchOrder.balanced(ids: ids.reversed(), clusters: clusters, batch: 8, seed: 5))
        let stored = EpochOrder(batch: 8, seed: 5, ids: a)
        #expect(BatchOrder.ids(forEpoch: 0, order: stored, clusters: clusters, allIDs: ids) == a)
        let e1 = BatchOrder.ids(forEpoch: 1, order: stored, clusters: clusters, allIDs: ids)
        #expect(e1 != a && e1.sorted() == a.sorted())
        #expect(BatchOrder.stats(e1, clusters: clusters, batch: 8).windowCollisions == 0)
    }

    @Test func capLimitsImagesPerCluster() {
        let (ids, clusters) = Self.structure(seed: 2, n: 300)
        let order = BatchOrder.balanced(ids: ids, clusters: clusters, batch: 8, seed: 1, cap: 2)
        var per: [String: Int] = [:]
        for id in order { per[clusters[id]!, default: 0] += 1 }
        #expect(per.values.allSatisfy { $0 <= 2 })
        #expect(Set(per.keys) == Set(clusters.values))
    }

    @Test func writeStoresOrderAndClustersAndBeatsAShuffle() throws {
        let dir = TemporaryDirectory()
        var items: [AuditFixtures.Item] = []
        for f in 0..<12 { for k in 0..<3 {  // 12 families of 3 augmentations
            items.append(.init(id: "f\(f)_\(k)", family: "F\(f)", image: AuditFixtures.brightened(AuditFixtures.picture(UInt64(200 + f), side: 32), by: k * 2)))
        } }
        try AuditFixtures.makeDataset(items, in: dir.url)
        var o = Auditor.Options()
        o.useCache = false
        let result = try Auditor(options: o).audit(folder: dir.url)
        let summary = try BatchOrder.write(result: result, folder: dir.url, batch: 8, seed: 11, cap: nil)
        #expect(summary.feasible && summary.balanced.windowCollisions == 0)
        #expect(summary.balanced.worst == 0 && summary.shuffle.worst > 0)
        let doc = try DatasetFolder(dir.url).load()
        #expect(doc.order?.batch == 8 && doc.order?.ids.count == 36)
        let stored = try OrderClusters.load(folder: dir.url)
        #expect(BatchOrder.ids(forEpoch: 0, order: doc.order!, clusters: stored.clusters, allIDs: doc.records.map(\.id)) == doc.order!.ids)
        #expect(BatchOrder.ids(forEpoch: 0, order: doc.order!, clusters: stored) == doc.order!.ids)
        let e2 = BatchOrder.ids(forEpoch: 2, order: doc.order!, clusters: stored)
        #expect(e2 != doc.order!.ids && BatchOrder.stats(e2, clusters: stored.clusters, batch: 8).windowCollisions == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.path(".dman.lock").path))
    }
}
