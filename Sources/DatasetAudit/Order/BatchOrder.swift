import DmanCore

/// Minibatch-balanced training orders: no window of `batch` consecutive
/// images holds two members of one cluster (a family, or families joined by
/// duplicate links) whenever that is possible.
///
/// Algorithm: the cluster members are shuffled (seeded), then positions are
/// filled one at a time with a member of the cluster that has the most
/// images left among those not used in the last `batch − 1` positions (ties
/// broken by a seeded random key). This greedy rule is the classic one for
/// "rearrange with distance k" and succeeds whenever
/// (c_max − 1)·batch + (clusters of size c_max) ≤ n (see ``isFeasible``).
/// When the sizes make collisions unavoidable (not ``isFeasible``), greedy
/// orders can pile the big clusters up at the end, so four candidates are
/// scored and the one with the fewest window collisions is returned: greedy
/// (forced pick: oldest), greedy (forced pick: largest), an even spread (each
/// cluster's members at ideal positions `(k + u)·n/c`, random phase `u`) and
/// a uniform shuffle; it is therefore never worse than a shuffle.
/// Epoch `e` uses seed `seed + e`.
///
///     let ids = BatchOrder.balanced(ids: ids, clusters: clusterOfID, batch: 64, seed: 7)
public enum BatchOrder {
    /// Same-cluster statistics of an order, per consecutive batch.
    public struct Stats: Sendable, Codable, Equatable {
        /// Largest number of images in one batch that repeat a cluster already in that batch.
        public var worst: Int
        /// Mean of that number over batches.
        public var mean: Double
        /// Positions whose cluster already appears in the previous `batch − 1` positions.
        public var windowCollisions: Int

        enum CodingKeys: String, CodingKey { case worst, mean, windowCollisions = "window_collisions" }
    }

    /// The balanced order of `ids` (`clusters[id]` names each id's cluster;
    /// missing ids are their own cluster); at most `cap` ids per cluster.
    public static func balanced(ids: [String], clusters: [String: String], batch: Int, seed: UInt64,
                                cap: Int? = nil) -> [String] {
        precondition(batch >= 1, "batch must be at least 1")
        var rng = SplitMix64(seed: seed)
        var groups = grouped(ids: ids, clusters: clusters)
        for k in groups.indices {
            groups[k].shuffle(using: &rng)
            if let cap, groups[k].count > cap { groups[k] = Array(groups[k].prefix(cap)) }
        }
        let greedy = greedyOrder(groups, batch: batch, rng: &rng)
        let sizes = groups.map(\.count)
        if isFeasible(clusterSizes: sizes, batch: batch) { return greedy }
        var cluster: [String: String] = [:]
        for (k, g) in groups.enumerated() { for id in g { cluster[id] = String(k) } }
        let candidates = [greedy, greedyOrder(groups, batch: batch, rng: &rng, forceLargest: true),
                          evenSpread(groups, rng: &rng), shuffled(ids: groups.flatMap { $0 }.sorted(), seed: rng.next())]
        let scored = candidates.map { o -> ((Int, Int), [String]) in
            let st = stats(o, clusters: cluster, batch: batch)
            return ((st.windowCollisions, st.worst), o)
        }
        return scored.min { $0.0 < $1.0 }!.1
    }

    /// Members at evenly spaced ideal positions per cluster, sorted.
    static func evenSpread(_ groups: [[String]], rng: inout SplitMix64) -> [String] {
        let n = Double(groups.reduce(0) { $0 + $1.count })
        var keyed: [(Double, UInt64, String)] = []
        for g in groups {
            let u = rng.nextUnitDouble(), step = n / Double(g.count)
            for (k, id) in g.enumerated() { keyed.append(((Double(k) + u) * step, rng.next(), id)) }
        }
        keyed.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        return keyed.map(\.2)
    }

    /// The greedy most-remaining-first order with a cooldown of `batch − 1`.
    /// When no cluster is free it takes the one used longest ago, or with
    /// `forceLargest` the waiting cluster with the most images left.
    static func greedyOrder(_ groups: [[String]], batch: Int, rng: inout SplitMix64, forceLargest: Bool = false) -> [String] {
        let total = groups.reduce(0) { $0 + $1.count }
        var heap = MaxHeap()
        for k in groups.indices where !groups[k].isEmpty { heap.push(.init(remaining: groups[k].count, tie: rng.next(), cluster: k)) }
        var cooling: [(cluster: Int, freeAt: Int)] = []
        var head = 0
        var out: [String] = []
        out.reserveCapacity(total)
        var next = [Int](repeating: 0, count: groups.count)
        for pos in 0..<total {
            while head < cooling.count && cooling[head].freeAt <= pos {
                let c = cooling[head].cluster
                heap.push(.init(remaining: groups[c].count - next[c], tie: rng.next(), cluster: c))
                head += 1
            }
            let c: Int
            if let top = heap.pop() {
                c = top.cluster
            } else if forceLargest {
                var best = head
                for q in head..<cooling.count where groups[cooling[q].cluster].count - next[cooling[q].cluster]
                    > groups[cooling[best].cluster].count - next[cooling[best].cluster] { best = q }
                c = cooling[best].cluster
                cooling.remove(at: best)
            } else {
                c = cooling[head].cluster
                head += 1
            }
            out.append(groups[c][next[c]])
            next[c] += 1
            if next[c] < groups[c].count { cooling.append((c, pos + batch)) }
        }
        return out
    }

    /// The order for epoch `e` of a stored ``EpochOrder`` (seed + e), with
    /// the clusters the audit wrote beside it (``OrderClusters``). Epoch 0
    /// equals `order.ids` for the same ids and clusters.
    public static func ids(forEpoch e: Int, order: EpochOrder, clusters: [String: String], allIDs: [String]) -> [String] {
        balanced(ids: allIDs, clusters: clusters, batch: order.batch, seed: order.seed &+ UInt64(e), cap: order.cap)
    }

    /// A uniform shuffle (the baseline the report compares with).
    public static func shuffled(ids: [String], seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        var out = ids
        out.shuffle(using: &rng)
        return out
    }

    /// Same-cluster statistics of `order` for batches of `batch`.
    public static func stats(_ order: [String], clusters: [String: String], batch: Int) -> Stats {
        var worst = 0, sum = 0, batches = 0, collisions = 0
        var start = 0
        while start < order.count {
            let end = min(start + batch, order.count)
            let distinct = Set(order[start..<end].map { clusters[$0] ?? $0 }).count
            let repeats = (end - start) - distinct
            worst = max(worst, repeats)
            sum += repeats
            batches += 1
            start = end
        }
        var last: [String: Int] = [:]
        for (i, id) in order.enumerated() {
            let c = clusters[id] ?? id
            if let p = last[c], i - p < batch { collisions += 1 }
            last[c] = i
        }
        return Stats(worst: worst, mean: batches == 0 ? 0 : Double(sum) / Double(batches), windowCollisions: collisions)
    }

    /// Whether a collision-free order exists for these cluster sizes.
    public static func isFeasible(clusterSizes: [Int], batch: Int) -> Bool {
        let n = clusterSizes.reduce(0, +)
        guard let cmax = clusterSizes.max(), cmax > 0 else { return true }
        let top = clusterSizes.filter { $0 == cmax }.count
        return (cmax - 1) * batch + top <= n
    }

    /// Ids grouped by cluster, clusters in order of first appearance.
    static func grouped(ids: [String], clusters: [String: String]) -> [[String]] {
        var index: [String: Int] = [:]
        var groups: [[String]] = []
        for id in ids.sorted() {
            let c = clusters[id] ?? id
            if let k = index[c] { groups[k].append(id) } else { index[c] = groups.count; groups.append([id]) }
        }
        return groups
    }
}

/// A binary max-heap on (remaining, tie).
struct MaxHeap {
    struct Entry { var remaining: Int; var tie: UInt64; var cluster: Int }
    private var a: [Entry] = []

    private func above(_ x: Entry, _ y: Entry) -> Bool { (x.remaining, x.tie) > (y.remaining, y.tie) }

    mutating func push(_ e: Entry) {
        a.append(e)
        var i = a.count - 1
        while i > 0 { let p = (i - 1) / 2; if above(a[i], a[p]) { a.swapAt(i, p); i = p } else { break } }
    }

    mutating func pop() -> Entry? {
        guard !a.isEmpty else { return nil }
        let top = a[0]
        let last = a.removeLast()
        if !a.isEmpty {
            a[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < a.count && above(a[l], a[m]) { m = l }
                if r < a.count && above(a[r], a[m]) { m = r }
                if m == i { break }
                a.swapAt(i, m); i = m
            }
        }
        return top
    }
}
