import DmanCore

/// A near-duplicate pair (positions in the audited items).
public struct NearPair: Sendable, Equatable, Codable {
    public var a: Int
    public var b: Int
    /// Distance on the rule's hash.
    public var distance: Int
    /// Distance on hash + confirming hash, when the rule combines them.
    public var combined: Int?
}

/// Duplicate groups between families, and the clusters the balanced order avoids.
public struct DuplicateAnalysis: Sendable {
    /// Groups of items with identical pixels spanning two or more families.
    public var exactGroups: [[Int]]
    /// Connected groups of items joined by cross-family near-duplicate pairs.
    public var nearGroups: [[Int]]
    public var nearPairs: [NearPair]
    /// Per item: its cluster (families joined by any duplicate link), as the
    /// smallest family name in it.
    public var cluster: [String]

    /// Finds duplicates among `items` with `rule`. Pairs inside one family
    /// are never duplicates.
    public static func analyse(_ items: [AuditItem], rule: NearDuplicateRule, jobs: Int = Parallel.defaultJobs) -> DuplicateAnalysis {
        let readable = items.indices.filter { items[$0].measures?.hash(rule.hash) != nil }
        // Exact: identical pixel digests.
        var byDigest: [String: [Int]] = [:]
        for i in items.indices { if let d = items[i].measures?.pixelDigest { byDigest[d, default: []].append(i) } }
        let exact = byDigest.values.filter { g in Set(g.map { items[$0].family }).count > 1 }
            .map { $0.sorted() }.sorted { $0[0] < $1[0] }
        // Near: index search on the rule's hash, confirm, cross-family only.
        let hashes = readable.map { items[$0].measures!.hash(rule.hash)! }
        var pairs: [NearPair] = []
        for p in NearDuplicateIndex(hashes: hashes).pairs(within: rule.threshold, jobs: jobs) {
            let a = readable[p.first], b = readable[p.second]
            guard items[a].family != items[b].family else { continue }
            guard items[a].measures!.pixelDigest != items[b].measures!.pixelDigest else { continue }
            var combined: Int?
            if let limit = rule.combinedThreshold {
                guard let ha = items[a].measures!.hash(rule.confirming), let hb = items[b].measures!.hash(rule.confirming) else { continue }
                let c = p.distance + PerceptualHash.distance(ha, hb)
                guard c <= limit else { continue }
                combined = c
            }
            pairs.append(NearPair(a: a, b: b, distance: p.distance, combined: combined))
        }
        let nearUF = UnionFind(items.count)
        for p in pairs { nearUF.union(p.a, p.b) }
        let near = nearUF.groups(of: Array(Set(pairs.flatMap { [$0.a, $0.b] })).sorted())
        // Clusters: families joined by any duplicate link.
        let families = Array(Set(items.map(\.family))).sorted()
        let fIndex = Dictionary(uniqueKeysWithValues: families.enumerated().map { ($1, $0) })
        let famUF = UnionFind(families.count)
        for g in exact { for i in g.dropFirst() { famUF.union(fIndex[items[g[0]].family]!, fIndex[items[i].family]!) } }
        for p in pairs { famUF.union(fIndex[items[p.a].family]!, fIndex[items[p.b].family]!) }
        var rootName: [Int: String] = [:]
        for (k, f) in families.enumerated() { let r = famUF.find(k); if rootName[r] == nil { rootName[r] = f } }
        let cluster = items.map { rootName[famUF.find(fIndex[$0.family]!)]! }
        return DuplicateAnalysis(exactGroups: exact, nearGroups: near, nearPairs: pairs, cluster: cluster)
    }
}

/// Disjoint sets with path halving.
final class UnionFind {
    private var parent: [Int]

    init(_ n: Int) { parent = Array(0..<n) }

    func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
        return x
    }

    func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// Components of `members` with two or more elements, each sorted, ordered by first element.
    func groups(of members: [Int]) -> [[Int]] {
        var by: [Int: [Int]] = [:]
        for m in members { by[find(m), default: []].append(m) }
        return by.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
