import DmanCore

/// Duplicate groups as the report shows them: one member per family (its
/// representative), the group's first family first, with what decided each.
struct ReportGroups {
    struct Member {
        var file: String
        var family: String
        var familySize: Int
        /// Hash distance and verification score against the group's first member.
        var distance: Int?
        var score: Double?
        var exact = false
        var moved = false
    }

    struct Group {
        var members: [Member]
        /// Whether a dedupe (or its dry run) decided it: the first is then "kept".
        var decided: Bool
    }

    /// Near-duplicate groups of the audit.
    var near: [Group] = []
    /// The dedupe's groups: kept family first, then the moved ones.
    var quarantineGroups: [Group] = []

    init(_ result: Auditor.Result) {
        let items = result.items
        var size: [String: Int] = [:], repFile: [String: String] = [:]
        for i in items { size[i.family, default: 0] += 1 }
        for k in DuplicateAnalysis.representatives(items) { repFile[items[k].family] = items[k].file }
        // Moved families are no longer in `items` after a dedupe: their sizes come from the plan.
        var movedSize: [String: Int] = [:]
        if let doc = result.document { for q in doc.quarantine ?? [] { movedSize[q.record.family, default: 0] += 1 } }
        var pairOf: [String: NearPair] = [:]
        for p in result.duplicates.nearPairs {
            pairOf[items[p.a].family + "\u{0}" + items[p.b].family] = p
            pairOf[items[p.b].family + "\u{0}" + items[p.a].family] = p
        }
        let exactFamilies = result.duplicates.exactGroups.map { Set($0.map { items[$0].family }) }
        func member(_ family: String, first: String, moved: Bool) -> Member {
            let p = family == first ? nil : pairOf[family + "\u{0}" + first]
            let exact = family != first && exactFamilies.contains { $0.contains(family) && $0.contains(first) }
            return Member(file: repFile[family] ?? family, family: family, familySize: size[family] ?? movedSize[family] ?? 0,
                          distance: p?.distance, score: p?.score, exact: exact, moved: moved)
        }
        let movedFamilies = Set(result.report.quarantine?.groups.flatMap(\.moved) ?? [])
        let decided = result.report.quarantine != nil
        for g in result.duplicates.nearGroups {
            let fams = g.map { items[$0].family }
            near.append(Group(members: fams.map { member($0, first: fams[0], moved: movedFamilies.contains($0)) }, decided: decided))
        }
        for g in result.report.quarantine?.groups ?? [] {
            let fams = [g.kept] + g.moved
            quarantineGroups.append(Group(members: fams.map { member($0, first: g.kept, moved: $0 != g.kept) }, decided: true))
        }
    }
}
