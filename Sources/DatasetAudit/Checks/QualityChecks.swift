import Foundation
import DmanCore

/// One image flagged by a per-image check.
public struct AuditFinding: Sendable, Codable, Equatable {
    /// Path relative to the dataset folder.
    public var file: String
    /// Record id (the file name in a plain folder).
    public var id: String
    public var score: Double
    public var threshold: Double?
    /// Extra words (the decoder's message for unreadable files).
    public var detail: String?

    public init(file: String, id: String, score: Double, threshold: Double?, detail: String? = nil) {
        self.file = file
        self.id = id
        self.score = score
        self.threshold = threshold
        self.detail = detail
    }
}

/// Turns measures into per-image findings.
package enum QualityChecks {
    package static func findings(items: [AuditItem], thresholds t: AuditThresholds,
                                 enabled: Set<AuditIssue>) -> [AuditIssue: [AuditFinding]] {
        var out: [AuditIssue: [AuditFinding]] = [:]
        func add(_ issue: AuditIssue, _ item: AuditItem, _ score: Double, detail: String? = nil) {
            guard enabled.contains(issue) else { return }
            out[issue, default: []].append(AuditFinding(file: item.file, id: item.id, score: score,
                                                        threshold: t.value(for: issue), detail: detail))
        }
        let readable = items.compactMap { item in item.measures.map { (item, $0) } }
        let colourImages = readable.filter { ($0.1.colourFraction ?? 1) >= t.grayscale }.count
        let colourSet = !readable.isEmpty && Double(colourImages) >= t.colourSetShare * Double(readable.count)
        let sizeScores = oddSizeScores(readable.map { Double($0.1.width).squareRoot() * Double($0.1.height).squareRoot() },
                                       factor: t.oddSizeIQRFactor)
        for (k, (item, m)) in readable.enumerated() {
            if let p99 = m.brightnessP99, p99 < t.dark { add(.dark, item, p99) }
            if let p5 = m.brightnessP5, 1 - p5 < t.light { add(.light, item, 1 - p5) }
            if let blur = m.blurriness, let std = m.grayHistogramStd {
                let f = t.blurNormalizingFactor
                let blurScore = 1 - exp(-blur * f)
                var stdScore = 1 - exp(-std * f)
                if stdScore <= t.blurColourThreshold { stdScore = 0 }
                let score = min(blurScore + stdScore, 1)
                if score < t.blurry { add(.blurry, item, score) }
            }
            if let e = m.entropy, min(1, e * t.entropyNormalizingFactor) < t.lowInformation {
                add(.lowInformation, item, min(1, e * t.entropyNormalizingFactor))
            }
            if sizeScores[k] < t.oddSize { add(.oddSize, item, sizeScores[k], detail: "\(m.width)×\(m.height)") }
            let aspect = min(Double(m.width) / Double(m.height), Double(m.height) / Double(m.width))
            if aspect < t.oddAspectRatio { add(.oddAspectRatio, item, aspect, detail: "\(m.width)×\(m.height)") }
            if colourSet, let c = m.colourFraction, c < t.grayscale { add(.grayscale, item, c) }
            if let b = m.borderBand, b >= t.borderBands { add(.borderBands, item, b) }
            if let tr = m.transparentFraction, m.hasAlpha, tr > t.transparency { add(.transparency, item, tr) }
            if let p = item.record?.provenance {
                if let up = p.upscale, up > t.upscale { add(.upscaled, item, up) }
                if let pad = p.padFraction, pad > t.padding { add(.mostlyPadding, item, pad) }
            }
        }
        for item in items where item.measures == nil {
            add(.unreadable, item, 1, detail: item.error)
        }
        for key in out.keys { out[key]!.sort { ($0.score, $0.file) < ($1.score, $1.file) } }
        return out
    }

    /// cleanvision's odd-size score: distance of √area from the centre of the
    /// IQR window [q1 − f·iqr, q3 + f·iqr], over the window's width.
    static func oddSizeScores(_ sizes: [Double], factor: Double) -> [Double] {
        guard !sizes.isEmpty else { return [] }
        let s = sizes.sorted()
        func pct(_ p: Double) -> Double {  // numpy linear interpolation
            let pos = p * Double(s.count - 1), lo = Int(pos.rounded(.down)), hi = min(lo + 1, s.count - 1)
            return s[lo] + (s[hi] - s[lo]) * (pos - Double(lo))
        }
        let q1 = pct(0.25), q3 = pct(0.75), iqr = q3 - q1
        let lo = q1 - factor * iqr, hi = q3 + factor * iqr
        let mid = (lo + hi) / 2, gap = hi - lo
        let norm = gap > 0 ? gap : mid
        // cleanvision uses threshold 1.0 when every size is equal (gap 0): score
        // then is 1 for all, never below; we keep the 0.5 threshold and the same scores.
        return sizes.map { 1 - min(max(abs($0 - mid) / norm, 0), 1) }
    }
}
