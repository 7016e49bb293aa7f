import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 8, interruption of `dman augment` and `dman train` (crop and audit
/// are in InterruptionTests; train's SIGINT → checkpoint + exit 130 is
/// TrainCommandTests.interruptWritesACheckpointAndExits130).
@Suite struct StageInterruptionTests {
    static let augmentPlan = ["--rotations", "±5", "--flip", "--seed", "7", "--size", "48", "-j", "2"]

    @Test(arguments: [SIGKILL, SIGINT])
    func killedAugmentLeavesWholeFilesAndRerunCompletes(signal: Int32) throws {
        let tmp = TemporaryDirectory("dman-rel-augment")
        let demo = try CLIRunner.run(["demo", "-o", "demo", "--sources-only", "--count", "16", "--quiet"], in: tmp.url)
        #expect(demo.status == 0, "\(demo.stderr)")
        let crop = try CLIRunner.run(["crop", "demo/sources/manifest.json", "-o", "crops", "--size", "64"], in: tmp.url)
        #expect(crop.status == 0, "\(crop.stderr)")
        let ref = try CLIRunner.run(["augment", "crops", "-o", "ref"] + Self.augmentPlan, in: tmp.url)
        #expect(ref.status == 0, "\(ref.stderr)")
        let out = tmp.path("out")
        let outcome = try ProcessInterrupter.run(["augment", "crops", "-o", "out"] + Self.augmentPlan, in: tmp.url, signal: signal) {
            !ProcessInterrupter.files(in: out, ext: "png").isEmpty
        }
        if !outcome.interrupted { print("note: augment finished before signal \(signal) could be sent") }
        #expect(OutputInvariants.everyPNGDecodes(in: out).isEmpty, "partial PNG under its final name")
        #expect(OutputInvariants.datasetParses(out), "dataset.json does not parse after signal \(signal)")
        let again = try CLIRunner.run(["augment", "crops", "-o", "out"] + Self.augmentPlan, in: tmp.url)
        #expect(again.status == 0, "\(again.stderr)")
        let tmps = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(tmps.isEmpty, "leftover temporaries \(tmps)")
        #expect(try OutputInvariants.contents(of: out) == OutputInvariants.contents(of: tmp.path("ref")),
                "augment rerun after signal \(signal) differs from an uninterrupted run")
    }

    /// Whether `url` is a whole safetensors file: 8-byte header length, JSON
    /// header, and exactly the bytes its tensors' offsets cover.
    static func isWholeSafetensors(_ url: URL) -> Bool {
        guard let data = try? Data(contentsOf: url), data.count >= 8 else { return false }
        let n = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard n > 0, 8 + n <= data.count,
              let header = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + n))) as? [String: Any] else { return false }
        let end = header.values.compactMap { ($0 as? [String: Any])?["data_offsets"] as? [Int] }.map { $0[1] }.max() ?? 0
        return data.count == 8 + n + end
    }

    @Test func killedTrainingLeavesWholeCheckpointsAndRerunResumes() throws {
        let tmp = TemporaryDirectory("dman-rel-train")
        try FileManager.default.createDirectory(at: tmp.path("set"), withIntermediateDirectories: true)
        for i in 0..<12 {
            try ImageCodec.pngData(SyntheticImage.textured(width: 16, height: 16, seed: UInt64(i + 1)))
                .write(to: tmp.path(String(format: "set/img-%02d.png", i)))
        }
        let args = ["train", "set", "-o", "run", "--iterations", "6", "--batch", "4", "--gf", "8", "--df", "8", "--z-dim", "8",
                    "--threads", "1", "--seed", "3", "--sample-every", "0", "--checkpoint-every", "1", "--json-lines"]
        let checkpoints = tmp.path("run/checkpoints")
        let outcome = try ProcessInterrupter.run(args, in: tmp.url, signal: SIGKILL) {
            !ProcessInterrupter.files(in: checkpoints, ext: "safetensors").isEmpty
        }
        if !outcome.interrupted { print("note: train finished before SIGKILL could be sent") }
        let left = ProcessInterrupter.files(in: checkpoints, ext: "safetensors")
        #expect(!left.isEmpty)
        for name in left {
            #expect(Self.isWholeSafetensors(checkpoints.appendingPathComponent(name)), "partial checkpoint \(name)")
        }
        let again = try CLIRunner.run(args, in: tmp.url)
        #expect(again.status == 0, "\(again.stderr)")
        let events = again.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let start = try #require(events.first { $0["event"] as? String == "started" }?["start"] as? [String: Any])
        #expect((start["resumedFrom"] as? String)?.hasSuffix(try #require(left.last)) == true, "\(start)")
        #expect(events.last?["event"] as? String == "finished")
        let after = ProcessInterrupter.files(in: checkpoints, ext: "safetensors")
        #expect(!after.isEmpty && after.allSatisfy { Self.isWholeSafetensors(checkpoints.appendingPathComponent($0)) })
        let hidden = try FileManager.default.contentsOfDirectory(atPath: checkpoints.path).filter { $0.hasSuffix(".tmp") }
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
