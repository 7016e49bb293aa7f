import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 8, interruption: a `dman` killed (SIGKILL) or interrupted (SIGINT)
/// mid-run leaves no partial PNG under a final name, a dataset.json that
/// parses, and rerunning the same command completes the job exactly as an
/// uninterrupted run would.
@Suite struct InterruptionTests {
    /// tmp/demo/sources: `count` small demo pictures and their manifest.
    func sources(count: Int = 40) throws -> TemporaryDirectory {
        let tmp = TemporaryDirectory("dman-rel-kill")
        let r = try CLIRunner.run(["demo", "-o", "demo", "--sources-only", "--count", "\(count)", "--quiet"], in: tmp.url)
        #expect(r.status == 0, "\(r.stderr)")
        return tmp
    }

    static let cropArgs = ["crop", "demo/sources/manifest.json", "--size", "96", "-j", "2"]

    @Test(arguments: [SIGKILL, SIGINT])
    func killedCropLeavesWholeFilesAndRerunCompletes(signal: Int32) throws {
        let tmp = try sources()
        let reference = try CLIRunner.run(Self.cropArgs + ["-o", "ref"], in: tmp.url)
        #expect(reference.status == 0, "\(reference.stderr)")
        let out = tmp.path("out")
        let outcome = try ProcessInterrupter.run(Self.cropArgs + ["-o", "out"], in: tmp.url, signal: signal) {
            !ProcessInterrupter.files(in: out, ext: "png").isEmpty
        }
        let partial = ProcessInterrupter.files(in: out, ext: "png").count
        let total = ProcessInterrupter.files(in: tmp.path("ref"), ext: "png").count
        if !outcome.interrupted {
            print("note: crop finished before signal \(signal) could be sent (\(partial) of \(total) crops)")
        }
        #expect(OutputInvariants.everyPNGDecodes(in: out).isEmpty, "partial PNG under its final name")
        #expect(OutputInvariants.datasetParses(out), "dataset.json does not parse after signal \(signal)")
        let again = try CLIRunner.run(Self.cropArgs + ["-o", "out"], in: tmp.url)
        #expect(again.status == 0, "\(again.stderr)")
        let hidden = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(hidden.isEmpty, "leftover temporaries \(hidden)")
        #expect(try OutputInvariants.contents(of: out) == OutputInvariants.contents(of: tmp.path("ref")),
                "rerun after signal \(signal) differs from an uninterrupted run")
    }

    /// Every image of the crop output sits in exactly one place: the dataset
    /// folder or its quarantine.
    func placement(_ folder: URL) throws -> [String: Int] {
        var count: [String: Int] = [:]
        for name in ProcessInterrupter.files(in: folder, ext: "png") { count[name, default: 0] += 1 }
        let q = folder.appendingPathComponent("quarantine")
        if let e = FileManager.default.enumerator(atPath: q.path) {
            for case let rel as String in e where rel.hasSuffix(".png") {
                count[URL(fileURLWithPath: rel).lastPathComponent, default: 0] += 1
            }
        }
        return count
    }

    @Test(arguments: [SIGKILL, SIGINT])
    func killedDedupeIsCompletedByTheNextRun(signal: Int32) throws {
        let tmp = try sources()
        #expect(try CLIRunner.run(Self.cropArgs + ["-o", "crops"], in: tmp.url).status == 0)
        let fm = FileManager.default
        try fm.copyItem(at: tmp.path("crops"), to: tmp.path("ref"))
        try fm.copyItem(at: tmp.path("crops"), to: tmp.path("d"))
        let names = Set(ProcessInterrupter.files(in: tmp.path("crops"), ext: "png"))
        let ref = try CLIRunner.run(["audit", "ref", "--dedupe", "--no-cache"], in: tmp.url)
        #expect(ref.status == 0, "\(ref.stderr)")
        #expect(try placement(tmp.path("ref")).values.allSatisfy { $0 == 1 })
        let quarantine = tmp.path("d/quarantine")
        let outcome = try ProcessInterrupter.run(["audit", "d", "--dedupe", "--no-cache"], in: tmp.url, signal: signal) {
            fm.fileExists(atPath: quarantine.path)
        }
        if !outcome.interrupted { print("note: dedupe finished before signal \(signal) could be sent") }
        // Never half-done: each image in one place, none lost, none doubled.
        let placed = try placement(tmp.path("d"))
        #expect(Set(placed.keys) == names && placed.values.allSatisfy { $0 == 1 }, "\(placed.filter { $0.value != 1 })")
        #expect(OutputInvariants.datasetParses(tmp.path("d")))
        let again = try CLIRunner.run(["audit", "d", "--dedupe", "--no-cache"], in: tmp.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try placement(tmp.path("d")) == placement(tmp.path("ref")))
        #expect(try OutputInvariants.contents(of: tmp.path("d")) == OutputInvariants.contents(of: tmp.path("ref")))
        #expect(try OutputInvariants.contents(of: quarantine).keys.sorted()
                == OutputInvariants.contents(of: tmp.path("ref/quarantine")).keys.sorted())
    }
}
