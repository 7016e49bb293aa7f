import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 17, point 3: SIGKILL at seeded random moments (not only "after the
/// first output") of crop, augment, `audit --dedupe`, `audit --restore` and
/// train, then the same command again. After the kill: no partial PNG under
/// a final name, dataset.json parses, every picture present exactly once
/// (main folder or quarantine/, same bytes); after the rerun: the folder is
/// byte-identical to an uninterrupted run (train: it resumes from a whole
/// checkpoint and finishes). Two kills per command keep this to seconds;
/// `bench/faults/run.py` runs hundreds.
@Suite(.serialized) struct RandomKillTests {
    static let seed = UInt64(ProcessInfo.processInfo.environment["DMAN_FAULT_SEED"] ?? "") ?? 17
    static let trials = Int(ProcessInfo.processInfo.environment["DMAN_FAULT_TRIALS"] ?? "") ?? 2

    /// Runs `args` to the end once (the reference), then `trials` times:
    /// copies `prepare` into a fresh folder, kills the command after a
    /// seeded delay in [0, 1.2 × reference time], checks `afterKill`, reruns,
    /// checks `afterRerun`.
    func killAndRerun(_ name: String, in fixture: StageFixture, args: (String) -> [String], prepare: String?,
                      afterKill: (URL) throws -> [String], afterRerun: (URL) throws -> [String]) throws {
        var rng = SplitMix64.derived(seed: Self.seed, item: name, stage: "random-kill")
        let fm = FileManager.default
        func fresh(_ target: String) throws {
            if let prepare { try fm.copyItem(at: fixture.path(prepare), to: fixture.path(target)) }
        }
        try fresh("\(name)-ref")
        let t0 = Date()
        try fixture.run(args("\(name)-ref"), "reference")
        let reference = Date().timeIntervalSince(t0)
        var killed = 0
        for trial in 0..<Self.trials {
            let target = "\(name)-\(trial)"
            try fresh(target)
            let delay = Double.random(in: 0...(1.2 * reference), using: &rng)
            let start = Date()
            let outcome = try ProcessInterrupter.run(args(target), in: fixture.tmp.url, signal: SIGKILL) {
                Date().timeIntervalSince(start) >= delay
            }
            killed += outcome.interrupted ? 1 : 0
            let broken = try afterKill(fixture.path(target))
            #expect(broken.isEmpty, "\(name) killed after \(String(format: "%.3f", delay)) s: \(broken)")
            try fixture.run(args(target), "rerun of \(name) after a kill at \(String(format: "%.3f", delay)) s")
            let differs = try afterRerun(fixture.path(target))
            #expect(differs.isEmpty, "\(name) rerun after a kill at \(String(format: "%.3f", delay)) s: \(differs)")
        }
        print("random kill \(name): \(killed) of \(Self.trials) runs killed before they finished (reference \(String(format: "%.2f", reference)) s)")
    }

    @Test func cropAugmentDedupeAndRestoreSurviveRandomKills() throws {
        let f = try StageFixture("dman-rel-randkill")
        try f.crop()
        try f.augment()
        try FileManager.default.copyItem(at: f.path("aug"), to: f.path("deduped"))
        try f.audit("deduped", ["--dedupe", "--no-cache"])
        let sameAs = { (ref: String) in { (url: URL) throws -> [String] in FaultInvariants.differences(url, f.path(ref)) } }
        try killAndRerun("crop", in: f, args: { ["crop", "demo/sources/manifest.json", "-o", $0, "--size", "48", "-j", "2"] },
                         prepare: nil, afterKill: FaultInvariants.afterKill(pictures: nil), afterRerun: sameAs("crop-ref"))
        try killAndRerun("augment", in: f, args: { ["augment", "crops", "-o", $0] + Array(StageFixture.augmentArgs.dropFirst(4)) },
                         prepare: nil, afterKill: FaultInvariants.afterKill(pictures: nil), afterRerun: sameAs("augment-ref"))
        let pictures = FaultInvariants.pictureHashes(f.path("aug"))
        try killAndRerun("dedupe", in: f, args: { ["audit", $0, "--dedupe", "--no-cache"] }, prepare: "aug",
                         afterKill: FaultInvariants.afterKill(pictures: pictures), afterRerun: sameAs("dedupe-ref"))
        try killAndRerun("restore", in: f, args: { ["audit", $0, "--restore"] }, prepare: "deduped",
                         afterKill: FaultInvariants.afterKill(pictures: pictures), afterRerun: sameAs("aug"))
    }

    @Test func trainSurvivesRandomKillsAndResumes() throws {
        let f = try StageFixture("dman-rel-randkill-train")
        try f.crop()
        let args = { (out: String) in ["train", "crops", "-o", out, "--iterations", "8", "--batch", "4", "--size", "32", "--resize", "--gf", "8",
                                        "--df", "8", "--z-dim", "8", "--threads", "1", "--seed", "3", "--sample-every", "0",
                                        "--checkpoint-every", "2"] }
        try killAndRerun("train", in: f, args: args, prepare: nil, afterKill: FaultInvariants.checkpointsWhole,
                         afterRerun: { url in
                             let broken = try FaultInvariants.checkpointsWhole(url)
                             let final = ProcessInterrupter.files(in: url.appendingPathComponent("checkpoints"), ext: "safetensors")
                             return broken + (final.isEmpty ? ["no checkpoint after the rerun"] : [])
                         })
    }
}
