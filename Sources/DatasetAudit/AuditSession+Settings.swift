import DmanCore
import Foundation

extension AuditSession {
    /// The keys ``init(folder:settings:)`` reads: `dman audit`'s long flags without the dashes.
    public static let settingKeys = ["hash", "threshold", "combined", "verify", "no-verify", "checks", "dedupe", "dry-run",
                                     "restore", "order", "batch", "seed", "cap", "report", "no-cache", "strict", "shard"]

    /// A session read from named settings (a pipeline config's `[audit]`
    /// section), each value and combination checked here as `dman audit`
    /// checks its flags; absent keys keep the defaults (no dedupe, no order).
    public init(folder: URL, settings s: StageSettings) throws(SettingError) {
        self.init(folder: folder)
        var rule = NearDuplicateRule()
        if let h = try s.choice("hash", PerceptualHash.Kind.self) { rule.hash = h }
        if let t = try s.int("threshold") { rule.threshold = t }
        try s.require((0..<64).contains(rule.threshold), "threshold", "must be from 0 to 63")
        rule.combinedThreshold = try s.int("combined")
        if let c = rule.combinedThreshold { try s.require((0..<128).contains(c), "combined", "must be from 0 to 127") }
        let verify = try s.double("verify") ?? (rule.verification ?? 0.935)
        try s.require((-1...1).contains(verify), "verify", "must be a score from -1 to 1")
        rule.verification = try s.bool("no-verify") ? nil : verify
        options.rule = rule
        if let list = try s.string("checks") {
            var issues = Set<AuditIssue>()
            for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let issue = AuditIssue(rawValue: name) else {
                    throw SettingError(key: "checks", value: name,
                                       rule: "expects names from \(AuditIssue.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                issues.insert(issue)
            }
            options.issues = issues
        }
        dedupe = try s.bool("dedupe")
        dryRun = try s.bool("dry-run")
        restore = try s.bool("restore")
        let ordered = try s.parsed("order", expected: "expects balanced") { $0 == "balanced" ? true : nil } ?? false
        let batch = try s.int("batch") ?? 64
        try s.require(batch >= 1, "batch", "must be 1 or more")
        let seed = try s.uint64("seed") ?? 0
        let cap = try s.int("cap")
        if let cap { try s.require(cap >= 1, "cap", "must be 1 or more") }
        if ordered { order = OrderRequest(batch: batch, seed: seed, cap: cap) }
        report = try s.string("report").map { URL(fileURLWithPath: $0) }
        options.useCache = !(try s.bool("no-cache"))
        options.strict = try s.bool("strict")
        try s.require(!dryRun || dedupe || restore, "dry-run", "goes with dedupe or restore")
        try s.require(!restore || (!dedupe && !ordered), "restore", "runs on its own, without dedupe or order")
        if let sh = try s.parsed("shard", expected: "expects I/N with 0 ≤ I < N, e.g. 0/3", Shard.init(parsing:)) {
            try s.require(!dedupe && !restore && !ordered && report == nil, "shard",
                          "only hashes; run dedupe, order and report on the whole dataset afterwards")
            options.shard = sh
        }
    }
}
