import DmanCore

/// A near-duplicate pair (positions in the audited items).
public struct NearPair: Sendable, Equatable, Codable {
    public var a: Int
    public var b: Int
    /// Distance on the rule's hash.
    public var distance: Int
    /// Distance on hash + confirming hash, when the rule combines them.
    public var combined: Int?
    /// ``PairVerifier`` score, when the rule verifies.
    public var score: Double?
}

/// Duplicate groups between families, and the clusters the balanced order avoids.
///
/// Words used throughout: a **family** is one crop and its augmentations; a
/// duplicate **group** is a set of families each verified against the group's
/// representative (the family a dedupe keeps), never joined through a chain of
/// members; a **cluster** is what the balanced order keeps apart: the families
/// of one group (a family on its own is its own cluster).
public struct DuplicateAnalysis: Sendable {
    /// Groups of items with identical pixels spanning two or more families.
    public var exactGroups: [[Int]]
    /// Per duplicate group, the compared items (each family's representative), representative first.
    public var nearGroups: [[Int]]
    /// Cross-family pairs that passed the rule (representatives only).
    public var nearPairs: [NearPair]
    /// Per item: its cluster, named by the kept family of its group (its own family otherwise).
    public var cluster: [String]

    /// Per family, the item compared with other families: the one with the
    /// fewest augment-stage transforms (the original crop when augment kept
    /// it), then the smallest id. Comparing like with like, once per family,
    /// keeps flips and rotations of one character from matching another's.
    public static func representatives(_ items: [AuditItem]) -> [Int] {
        var best: [String: (key: (Int, String), index: Int)] = [:]
        for (i, item) in items.enumerated() where item.measures != nil {
            let augmented = item.record?.provenance.transforms.filter { $0.stage == "augment" }.count ?? 0
            let key = (augmented, item.id)
            if let old = best[item.family], old.key <= key { continue }
            best[item.family] = (key, i)
        }
        return best.values.map(\.index).sorted()
    }

    /// Candidate pairs of representatives (hash index, then the combined
    /// hash if the rule has one), as item positions with their distances.
    public static func candidates(_ items: [AuditItem], representatives reps: [Int], rule: NearDuplicateRule,
                                  jobs: Int = Parallel.defaultJobs) -> [NearPair] {
        let usable = reps.filter { items[$0].measures?.hash(rule.hash) != nil }
        let hashes = usable.map { items[$0].measures!.hash(rule.hash)! }
        var out: [NearPair] = []
        for p in NearDuplicateIndex(hashes: hashes).pairs(within: rule.threshold, jobs: jobs) {
            let a = usable[p.first], b = usable[p.second]
            guard items[a].family != items[b].family else { continue }
            var combined: Int?
            if let limit = rule.combinedThreshold {
                guard let ha = items[a].measures!.hash(rule.confirming), let hb = items[b].measures!.hash(rule.confirming) else { continue }
                let c = p.distance + PerceptualHash.distance(ha, hb)
                guard c <= limit else { continue }
                combined = c
            }
            out.append(NearPair(a: a, b: b, distance: p.distance, combined: combined, score: nil))
        }
        return out
    }

    /// Finds duplicates among `items` with `rule`. Pairs inside one family
    /// are never duplicates. `detail` gives the verification thumbnail of an
    /// item (needed for the items of ``candidates(_:representatives:rule:jobs:)``
    /// when the rule verifies; a missing one fails its pairs). `rank` orders
    /// families, best first: each group's representative is its best family.
    public static func analyse(_ items: [AuditItem], rule: NearDuplicateRule, jobs: Int = Parallel.defaultJobs,
                               detail: [Int: DetailThumbnail] = [:],
                               rank: ([String]) -> [String] = { $0.sorted() }) -> DuplicateAnalysis {
        // Exact: identical pixel digests, any members of different families.
        var byDigest: [String: [Int]] = [:]
        for i in items.indices { if let d = items[i].measures?.pixelDigest { byDigest[d, default: []].append(i) } }
        let exact = byDigest.values.filter { g in Set(g.map { items[$0].family }).count > 1 }
            .map { $0.sorted() }.sorted { $0[0] < $1[0] }
        // Near: candidates among representatives, verified on content.
        let reps = representatives(items)
        var pairs = candidates(items, representatives: reps, rule: rule, jobs: jobs)
        if let least = rule.verification {
            let scored = Parallel.map(pairs, jobs: jobs) { p -> NearPair in
                var q = p
                if let da = detail[p.a], let db = detail[p.b] { q.score = PairVerifier.score(da, db) } else { q.score = -1 }
                return q
            }
            pairs = scored.filter { ($0.score ?? -1) >= least }
        }
        pairs.removeAll { items[$0.a].measures?.pixelDigest == items[$0.b].measures?.pixelDigest }
        // Groups of families: star clusters around the best-ranked family, no chains.
        var links: [(String, String)] = pairs.map { (items[$0.a].family, items[$0.b].family) }
        for g in exact { for i in g.dropFirst() where items[i].family != items[g[0]].family { links.append((items[g[0]].family, items[i].family)) } }
        let groupOf = starGroups(links: links, rank: rank)
        let repOf = Dictionary(reps.map { (items[$0].family, $0) }, uniquingKeysWith: { a, _ in a })
        var members: [String: [String]] = [:]
        for f in rank(Array(groupOf.keys)) { members[groupOf[f]!, default: []].append(f) }
        let nearFamilies = Set(pairs.flatMap { [items[$0.a].family, items[$0.b].family] })
        let near = members.filter { $0.value.count > 1 && $0.value.contains(where: nearFamilies.contains) }
            .map { (kept, fams) in ([kept] + fams.filter { $0 != kept }).compactMap { repOf[$0] } }
            .filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
        let cluster = items.map { groupOf[$0.family] ?? $0.family }
        return DuplicateAnalysis(exactGroups: exact, nearGroups: near, nearPairs: pairs, cluster: cluster)
    }

    /// Families grouped around representatives: the best-ranked linked family
    /// not yet grouped starts a group, and takes every ungrouped family linked
    /// *to it*; a family linked only to a member waits for a group of its own.
    /// So A~B and B~C with A≁C give {A, B} and {C}, never {A, B, C}.
    /// Returns family → its group's representative, for linked families only.
    package static func starGroups(links: [(String, String)], rank: ([String]) -> [String]) -> [String: String] {
        var linked: [String: Set<String>] = [:]
        for (f, g) in links where f != g { linked[f, default: []].insert(g); linked[g, default: []].insert(f) }
        var groupOf: [String: String] = [:]
        for f in rank(Array(linked.keys)) where groupOf[f] == nil {
            groupOf[f] = f
            for g in rank(Array(linked[f]!)) where groupOf[g] == nil { groupOf[g] = f }
        }
        return groupOf
    }
}
