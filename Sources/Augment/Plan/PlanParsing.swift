/// Parsers for the plan's command-line spellings, shared by the CLI and
/// other callers so that `±5`, `+-5` and lists mean the same everywhere.
extension AugmentPlan {
    /// `±A` / `+-A` / `A` → symmetric angles with `steps` per side
    /// (`±5`, 1 → −5, 0, 5); `a,b,c` → that list.
    public static func parseAngles(_ text: String, steps: Int = 1) throws(AugmentError) -> [Double] {
        guard steps >= 1, steps <= 100 else {
            throw .invalidParameter(what: "rotationSteps", detail: "\(steps) is outside 1…100")
        }
        let t = text.trimmingCharacters(in: .whitespaces)
        if let m = symmetricMagnitude(t) {
            guard m > 0 else { return [0] }
            return (-steps...steps).map { m * Double($0) / Double(steps) }
        }
        return try parseList(t, what: "rotations")
    }

    /// `0.95,1,1.05` → numbers, in the given order, without repeats.
    public static func parseList(_ text: String, what: String) throws(AugmentError) -> [Double] {
        var out: [Double] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let p = part.trimmingCharacters(in: .whitespaces)
            guard let v = Double(p), v.isFinite else {
                throw .invalidParameter(what: what, detail: "cannot read \"\(p)\" in \(text) as a number")
            }
            if !out.contains(v) { out.append(v) }
        }
        return out
    }

    /// `±3%`, `+-3%`, `3%`, `3` → 3 (percent).
    public static func parsePercent(_ text: String, what: String) throws(AugmentError) -> Double {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") { t.removeLast() }
        guard let m = symmetricMagnitude(t), m > 0 else {
            throw .invalidParameter(what: what, detail: "cannot read \(text) as a percentage such as ±3%")
        }
        return m
    }

    /// The magnitude of `±A`, `+-A`, `+/-A` or a bare non-negative `A`.
    private static func symmetricMagnitude(_ t: String) -> Double? {
        for prefix in ["±", "+-", "+/-"] where t.hasPrefix(prefix) {
            guard let v = Double(t.dropFirst(prefix.count)), v.isFinite, v >= 0 else { return nil }
            return v
        }
        if !t.contains(","), let v = Double(t), v.isFinite, v >= 0, !t.hasPrefix("+") { return v }
        return nil
    }
}

import Foundation
