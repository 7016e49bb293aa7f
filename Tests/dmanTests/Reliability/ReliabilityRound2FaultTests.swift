import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 17, faults not covered by round 1: a full disk under `audit
/// --dedupe` (the journal write) and under train's checkpoint write, and a
/// second writer on the folder of every writing stage (crop, augment, audit
/// `--dedupe`/`--order`, train). The full-disk cases mount a tmpfs and print
/// `skipped: <reason>` where mounting is not allowed.
@Suite(.serialized) struct ReliabilityRound2FaultTests {
    let folders = OutputFolderTests()

    /// Fills the file system holding `dir` to the last byte; the filler's URL.
    func fill(_ dir: URL) throws -> URL {
        let filler = dir.appendingPathComponent("filler")
        let fd = open(filler.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        let block = [UInt8](repeating: 0, count: 4096)
        while write(fd, block, block.count) > 0 {}
        var one: UInt8 = 0
        while write(fd, &one, 1) > 0 {}
        return filler
    }

    static let trainArgs = ["--iterations", "8", "--batch", "4", "--size", "32", "--resize", "--gf", "8", "--df", "8",
                            "--z-dim", "8", "--threads", "1", "--seed", "3", "--sample-every", "0", "--checkpoint-every", "2"]

    @Test func dedupeOnAFullDiskIsOneLineMovesNothingAndARerunCompletes() throws {
        let f = try StageFixture("dman-rel2-full-audit")
        try f.crop()
        try FileManager.default.copyItem(at: f.path("crops"), to: f.path("ref"))
        try f.audit("ref", ["--dedupe", "--no-cache"])
        let small = f.path("small")
        if let reason = folders.mountTmpfs(small, size: "1m") { print("skipped: disk full (audit): \(reason)"); return }
        defer { folders.unmount(small) }
        try FileManager.default.copyItem(at: f.path("crops"), to: small.appendingPathComponent("crops"))
        let folder = small.appendingPathComponent("crops")
        let before = try OutputInvariants.contents(of: folder)
        let filler = try fill(small)
        let r = try CLIRunner.run(["audit", "small/crops", "--dedupe", "--no-cache"], in: f.tmp.url)
        #expect(r.status == 1, "\(r.stderr)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1 && errors[0].contains("small/crops/") && errors[0].contains("No space left on device")
                && !errors[0].contains("cannot write: cannot write"), "\(r.stderr)")
        #expect(try OutputInvariants.contents(of: folder) == before, "a failed dedupe changed the folder")
        #expect(FaultInvariants.pictureHashes(folder) == FaultInvariants.pictureHashes(f.path("crops")))
        try FileManager.default.removeItem(at: filler)
        let again = try CLIRunner.run(["audit", "small/crops", "--dedupe", "--no-cache"], in: f.tmp.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(FaultInvariants.differences(folder, f.path("ref")).isEmpty, "\(FaultInvariants.differences(folder, f.path("ref")))")
    }

    @Test func trainCheckpointOnAFullDiskIsOneLineAndARerunCompletes() throws {
        let f = try StageFixture("dman-rel2-full-train")
        try f.crop()
        let small = f.path("small")
        // Room for config.json, not for one 462 KiB checkpoint.
        if let reason = folders.mountTmpfs(small, size: "256k") { print("skipped: disk full (train): \(reason)"); return }
        defer { folders.unmount(small) }
        let args = ["train", "crops", "-o", "small/run"] + Self.trainArgs
        let r = try CLIRunner.run(args, in: f.tmp.url)
        #expect(r.status == 1, "\(r.stderr)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1 && errors[0].contains("small/run/checkpoints/step-00000002.safetensors: cannot write: No space left"),
                "\(r.stderr)")
        #expect(try FaultInvariants.checkpointsWhole(small.appendingPathComponent("run")).isEmpty)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: small.appendingPathComponent("run/checkpoints").path)
        #expect(hidden.isEmpty, "left under checkpoints/: \(hidden)")
        #expect(folders.resizeTmpfs(small, size: "16m"))
        let again = try CLIRunner.run(args, in: f.tmp.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("trained at step 8"), "\(again.stdout)")
        let run = small.appendingPathComponent("run")
        #expect(try FaultInvariants.checkpointsWhole(run).isEmpty && RunFolderProbe.latestStep(run) == 8)
    }

    /// Augment and train into a read-only file system: one line naming the
    /// output folder and saying read only, exit 1 (crop is OutputFolderTests';
    /// audit's immutable folder is ImmutableDatasetTests').
    @Test func readOnlyOutputForAugmentAndTrainIsOneLine() throws {
        let f = try StageFixture("dman-rel2-ro")
        try f.crop()
        let ro = f.path("ro")
        if let reason = folders.mountTmpfs(ro, size: "1m", extra: ",ro") { print("skipped: read-only output: \(reason)"); return }
        defer { folders.unmount(ro) }
        for (out, args) in [("ro/aug", ["augment", "crops", "-o", "ro/aug", "--flip", "--size", "32"]),
                            ("ro/run", ["train", "crops", "-o", "ro/run"] + Self.trainArgs)] {
            let r = try CLIRunner.run(args, in: f.tmp.url)
            #expect(r.status == 1, "\(args[0]): \(r.stderr)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("error: ") && lines[0].contains(out)
                    && lines[0].lowercased().contains("read only"), "\(args[0]): \(r.stderr)")
        }
    }

    /// Every writing stage refuses a folder another process holds, with one line
    /// naming the folder and that process, exit 1, and writes nothing there.
    @Test func secondWriterOnEveryStageGetsOneLineNamingFolderAndProcess() throws {
        let f = try StageFixture("dman-rel2-lock")
        try f.crop()
        try f.augment()
        try FileManager.default.createDirectory(at: f.path("run"), withIntermediateDirectories: true)
        let cases: [(folder: String, args: [String])] = [
            ("crops", StageFixture.cropArgs), ("aug", StageFixture.augmentArgs),
            ("aug", ["audit", "aug", "--dedupe", "--no-cache"]), ("aug", ["audit", "aug", "--order", "balanced", "--batch", "4", "--no-cache"]),
            ("run", ["train", "crops", "-o", "run"] + Self.trainArgs),
        ]
        for c in cases {
            let folder = f.path(c.folder)
            let before = try OutputInvariants.contents(of: folder)
            let lock = try FolderLock(folder: folder)   // this test process is "the other writer"
            let r = try CLIRunner.run(c.args, in: f.tmp.url)
            withExtendedLifetime(lock) {}
            let name = c.args.prefix(3).joined(separator: " ")
            #expect(r.status == 1, "\(name): exit \(r.status): \(r.stderr)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("error: \(folder.path): another dman process is writing this folder (pid \(getpid()))"),
                    "\(name): \(r.stderr)")
            #expect(try OutputInvariants.contents(of: folder) == before, "\(name) wrote into a locked folder")
        }
    }
}

enum RunFolderProbe {
    /// The step of the newest `checkpoints/step-N.safetensors`.
    static func latestStep(_ run: URL) -> Int? {
        ProcessInterrupter.files(in: run.appendingPathComponent("checkpoints"), ext: "safetensors")
            .compactMap { Int($0.dropFirst(5).dropLast(12)) }.max()
    }
}
