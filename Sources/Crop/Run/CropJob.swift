import DmanCore
import Foundation

/// One picture to crop: where it is, how it is recorded, its boxes, and the
/// stem its crops are named after (`<stem>_<box index>.png`).
struct CropJob: Sendable {
    var url: URL
    /// Source path as recorded in provenance (relative to the root when inside it).
    var recorded: String
    var stem: String
    var boxes: [ManifestBox]
    var declaredWidth: Int?
    var declaredHeight: Int?

    /// Output stems: the file stem, or for pictures sharing a stem, the
    /// whole recorded path with `/` and `.` replaced (`a/x.png` → `a__x_png`).
    static func assignStems(_ jobs: inout [CropJob]) {
        var count: [String: Int] = [:]
        for j in jobs { count[j.stem, default: 0] += 1 }
        for i in jobs.indices where count[jobs[i].stem]! > 1 {
            jobs[i].stem = jobs[i].recorded.replacingOccurrences(of: "/", with: "__").replacingOccurrences(of: ".", with: "_")
        }
    }
}

/// What processing one picture produced.
struct JobOutcome: Sendable {
    var records: [DatasetRecord] = []
    var written = 0
    var resumed = 0
    var skipped = 0
    var filtered = 0
    var errors: [CropError] = []
    /// Boxes a verify-only run (``CropWorker/writes`` false) would have cropped anew.
    var wouldRecrop = 0
}
