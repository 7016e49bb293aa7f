import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 17, point 4: a property test of the quarantine journal. Seeded
/// random sequences of `--dedupe`, review rejections (`quarantine(ids:)`),
/// partial and full restores and kills (an operation, or the recovery
/// itself, stopped after a random number of journal steps, exactly as a
/// SIGKILL there leaves the folder; or a half-written journal temporary).
/// After every step: every picture exists exactly once (main folder or
/// `quarantine/`) with its bytes unchanged (SHA-256), `dataset.json` parses;
/// once no journal is pending, records and quarantine entries name exactly
/// the files on disk, no step undid an earlier decision, and a full restore
/// gives back the original folder byte for byte.
///
/// `DMAN_JOURNAL_SEQUENCES` and `DMAN_JOURNAL_SEED` widen the run (bench:
/// `DMAN_JOURNAL_SEQUENCES=3000 swift test -c release --skip-build --filter ReliabilityQuarantineJournal`).
@Suite struct ReliabilityQuarantineJournalTests {
    static let sequences = Int(ProcessInfo.processInfo.environment["DMAN_JOURNAL_SEQUENCES"] ?? "") ?? 300
    static let seed = UInt64(ProcessInfo.processInfo.environment["DMAN_JOURNAL_SEED"] ?? "") ?? 17
    static let stepsPerSequence = 10

    @Test func randomSequencesKeepEveryPictureExactlyOnce() throws {
        let template = TemporaryDirectory("dman-journal-template")
        try QuarantineTests.makeSet(template.url)
        let original = try AuditFixtures.snapshot(template.url)
        let pictures = JournalModel.pictureHashes(template.url)
        let ids = try DatasetFolder(template.url).load().records.map(\.id).sorted()
        var tally = JournalRunTally()
        let start = Date()
        for s in 0..<Self.sequences {
            var rng = SplitMix64.derived(seed: Self.seed, item: "\(s)", stage: "journal-property")
            let dir = TemporaryDirectory("dman-journal")
            try FileManager.default.removeItem(at: dir.url)
            try FileManager.default.copyItem(at: template.url, to: dir.url)
            var model = JournalModel(folder: dir.url, allIDs: ids, pictures: pictures, original: original)
            var trace: [String] = []
            for _ in 0..<Self.stepsPerSequence {
                let step = JournalStep.random(model: model, using: &rng)
                trace.append(step.description)
                try model.perform(step, tally: &tally)
                let broken = model.check()
                #expect(broken.isEmpty, "sequence \(s) after [\(trace.joined(separator: ", "))]: \(broken)")
                if !broken.isEmpty { return }
            }
            // The sequence ends with a reopen: nothing may stay pending.
            try model.perform(.recover(kill: nil), tally: &tally)
            #expect(model.check().isEmpty && !model.pending, "sequence \(s) end: \(model.check())")
        }
        let seconds = Date().timeIntervalSince(start)
        print("journal property: \(Self.sequences) sequences, \(tally.steps) steps (\(tally.kills) kills, "
              + "\(tally.recoveries) journals completed on open, \(tally.fullRestores) byte-identical full restores) "
              + "in \(String(format: "%.1f", seconds)) s, seed \(Self.seed)")
        #expect(tally.kills > Self.sequences, "the sequences exercise kills")
        #expect(tally.recoveries > 0 && tally.fullRestores > 0)
    }
}

/// Counts of what a property run exercised.
struct JournalRunTally {
    var steps = 0, kills = 0, recoveries = 0, fullRestores = 0
}

/// One operation of a random sequence; `kill` is the number of journal steps
/// after which it stops as if killed (nil: runs to the end).
enum JournalStep: CustomStringConvertible {
    case dedupe(kill: Int?)
    case reject(ids: [String], kill: Int?)
    case restore(ids: [String], kill: Int?)
    case restoreAll(kill: Int?)
    case recover(kill: Int?)
    /// A kill while the journal's temporary was being written: a partial
    /// `.dman-quarantine-journal.json.*.tmp`, nothing else changed.
    case tornJournalTemporary

    var description: String {
        func k(_ kill: Int?) -> String { kill.map { " kill@\($0)" } ?? "" }
        switch self {
        case .dedupe(let kill): return "dedupe" + k(kill)
        case .reject(let ids, let kill): return "reject\(ids)" + k(kill)
        case .restore(let ids, let kill): return "restore\(ids)" + k(kill)
        case .restoreAll(let kill): return "restoreAll" + k(kill)
        case .recover(let kill): return "reopen" + k(kill)
        case .tornJournalTemporary: return "tornJournalTemporary"
        }
    }

    static func random(model: JournalModel, using rng: inout SplitMix64) -> JournalStep {
        // Up to 8 moves + dataset.json + state + journal removal: 0…11 covers
        // every stop point and sometimes none.
        let kill: Int? = Int.random(in: 0..<10, using: &rng) < 4 ? Int.random(in: 0...11, using: &rng) : nil
        func some(_ pool: [String]) -> [String] {
            var chosen = pool.filter { _ in Bool.random(using: &rng) }
            if Int.random(in: 0..<5, using: &rng) == 0 { chosen.append(model.allIDs.randomElement(using: &rng)!) }  // maybe stale
            return chosen.sorted()
        }
        switch Int.random(in: 0..<100, using: &rng) {
        case ..<25: return .dedupe(kill: kill)
        case ..<50: return .reject(ids: some(model.expectedRecords.sorted()), kill: kill)
        case ..<70: return .restore(ids: some(model.expectedQuarantine.sorted()), kill: kill)
        case ..<85: return .restoreAll(kill: kill)
        case ..<95: return .recover(kill: kill)
        default: return .tornJournalTemporary
        }
    }
}
