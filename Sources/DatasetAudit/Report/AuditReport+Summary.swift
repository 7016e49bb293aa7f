import Foundation

extension AuditReport {
    /// A one-screen terminal summary: counts per issue and the top offenders.
    public func summaryLines(topOffenders: Int = 3) -> [String] {
        var lines = ["\(dataset): \(images) images (\(readable) readable, \(families) families, \(cached) from cache)"]
        lines.append("near-duplicate rule: \(rule.summary)")
        for issue in AuditIssue.allCases {
            guard let count = counts[issue.rawValue] else { continue }
            var line = issue.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0) + String(format: "%6d", count)
            switch issue {
            case .exactDuplicates:
                if !exactDuplicates.isEmpty { line += "  in \(exactDuplicates.count) groups, largest: " + exactDuplicates.max { $0.count < $1.count }!.prefix(topOffenders).joined(separator: ", ") }
            case .nearDuplicates:
                if !nearDuplicates.isEmpty { line += "  in \(nearDuplicates.count) groups, largest: " + nearDuplicates.max { $0.count < $1.count }!.prefix(topOffenders).joined(separator: ", ") }
            default:
                if let list = findings[issue.rawValue], !list.isEmpty {
                    line += "  e.g. " + list.prefix(topOffenders).map { f in f.file + (issue == .unreadable ? "" : String(format: " (%.2f)", f.score)) }.joined(separator: ", ")
                }
            }
            lines.append(line)
        }
        if let q = quarantine {
            lines.append("\(q.dryRun ? "would move" : "moved") \(q.files.count) images of \(q.groups.reduce(0) { $0 + $1.moved.count }) families to quarantine/ (\(q.groups.count) duplicate groups)")
        }
        if let o = order {
            lines.append("balanced order (batch \(o.batch), seed \(o.seed)\(o.cap.map { ", cap \($0)" } ?? "")): \(o.images) images, \(o.clusters) clusters\(o.feasible ? "" : ", collision-free order impossible")")
            lines.append(String(format: "  same-cluster images per batch: shuffle worst %d mean %.2f; balanced worst %d mean %.2f",
                                o.shuffle.worst, o.shuffle.mean, o.balanced.worst, o.balanced.mean))
        }
        return lines
    }
}
