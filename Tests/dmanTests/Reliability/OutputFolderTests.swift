import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 8, outputs: read-only and full output folders, an output folder
/// inside the input folder, and two processes on one folder.
@Suite(.serialized) struct OutputFolderTests {
    func sources(_ tmp: TemporaryDirectory, count: Int = 12) throws {
        let r = try CLIRunner.run(["demo", "-o", "demo", "--sources-only", "--count", "\(count)", "--quiet"], in: tmp.url)
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// Mounts a tmpfs of `size` at `dir` (options `extra`), or nil with the reason.
    func mountTmpfs(_ dir: URL, size: String, extra: String = "") -> String? {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = ["-t", "tmpfs", "-o", "size=\(size)" + extra, "tmpfs", dir.path]
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return "cannot run mount: \(error)" }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? nil : "mount -t tmpfs failed (not root or no CAP_SYS_ADMIN)"
    }

    /// Changes the size of the tmpfs at `dir`; whether it worked.
    func resizeTmpfs(_ dir: URL, size: String) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = ["-o", "remount,size=\(size)", dir.path]
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    func unmount(_ dir: URL) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = [dir.path]
        try? p.run(); p.waitUntilExit()
    }

    @Test func readOnlyOutputFolderIsOneClearLine() throws {
        let tmp = TemporaryDirectory("dman-rel-ro")
        try sources(tmp)
        let ro = tmp.path("ro")
        if let reason = mountTmpfs(ro, size: "1m", extra: ",ro") {
            print("skipped: read-only output folder: \(reason)")
            return
        }
        defer { unmount(ro) }
        let r = try CLIRunner.run(["crop", "demo/sources/manifest.json", "-o", "ro/out"], in: tmp.url)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: ") && lines[0].contains("ro/out"), "\(r.stderr)")
        #expect(r.stderr.lowercased().contains("read only") || r.stderr.lowercased().contains("read-only"), "\(r.stderr)")
        #expect(!r.stderr.contains("ro/out: \(tmp.url.path)/ro/out"), "path named twice: \(r.stderr)")
    }

    @Test func fullDiskStopsWithAClearErrorAndLeavesOnlyWholeFiles() throws {
        let tmp = TemporaryDirectory("dman-rel-full")
        try sources(tmp, count: 16)
        let small = tmp.path("small")
        if let reason = mountTmpfs(small, size: "160k") {
            print("skipped: disk full: \(reason)")
            return
        }
        defer { unmount(small) }
        let out = small.appendingPathComponent("out")
        let r = try CLIRunner.run(["crop", "demo/sources/manifest.json", "-o", "small/out", "-j", "1"], in: tmp.url)
        #expect(r.status == 1 || r.status == 2, "\(r.stdout)\(r.stderr)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.first?.contains("enough space") == true || errors.first?.contains("No space left") == true, "\(r.stderr)")
        // The run stops at the first failed write instead of one line per remaining crop.
        #expect(errors.count <= 3, "\(errors.count) error lines: \(r.stderr)")
        #expect(OutputInvariants.everyPNGDecodes(in: out).isEmpty)
        #expect(OutputInvariants.datasetParses(out))
        let tmps = ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).filter { $0.hasSuffix(".tmp") }
        #expect(tmps.isEmpty, "temporaries left on the full disk: \(tmps)")
    }

    @Test func augmentStopsOnAFullDiskAndARerunFinishes() throws {
        let tmp = TemporaryDirectory("dman-rel-full-augment")
        let input = try AugmentCommandTests.inputFolder(tmp, count: 24, corrupt: false)
        let small = tmp.path("small")
        if let reason = mountTmpfs(small, size: "96k") {
            print("skipped: disk full (augment): \(reason)")
            return
        }
        defer { unmount(small) }
        let out = small.appendingPathComponent("out")
        let args = ["augment", input.path, "-o", out.path, "-j", "2"] + AugmentCommandTests.plan
        let full = try CLIRunner.run(args)
        #expect(full.status == 2, "\(full.stderr)")
        let errors = full.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errors.contains { $0.contains("the disk is full, stopped with") && $0.contains("rerun the same command") },
                "\(full.stderr)")
        // One line per source in flight (2 workers) and the summary, not one per remaining source.
        #expect(errors.count <= 3, "\(errors.count) error lines: \(full.stderr)")
        #expect(OutputInvariants.everyPNGDecodes(in: out).isEmpty)

        #expect(resizeTmpfs(small, size: "16m"))
        let again = try CLIRunner.run(args + ["--json"])
        #expect(again.status == 0, "\(again.stderr)")
        struct Summary: Decodable { var planned: Int; var written: Int; var resumed: Int; var failedSources: Int }
        let summary = try JSONDecoder().decode(Summary.self, from: Data(again.stdout.utf8))
        #expect(summary.failedSources == 0 && summary.written + summary.resumed == summary.planned)
        let pngs = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".png") }
        #expect(pngs.count == summary.planned)
    }

    @Test func outputInsideTheInputFolderIsNotReadAsInput() throws {
        let tmp = TemporaryDirectory("dman-rel-inside")
        try sources(tmp)
        let args = ["crop", "demo/sources/manifest.json", "-o", "demo/sources/out", "--json"]
        let first = try CLIRunner.run(args, in: tmp.url)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLIRunner.run(args, in: tmp.url)
        let s1 = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let s2 = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(s2["crops"] as? Int == s1["crops"] as? Int && s2["written"] as? Int == 0)
        // The audit of the input folder does not descend into the output.
        let audit = try CLIRunner.run(["audit", "demo/sources", "--json", "--no-cache"], in: tmp.url)
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("\"images\" : 12") || audit.stdout.contains("\"images\":12"), "\(audit.stdout.prefix(300))")
    }

    @Test func secondProcessOnTheSameFolderGetsTheLockMessage() throws {
        let tmp = TemporaryDirectory("dman-rel-lock")
        try sources(tmp, count: 40)
        let out = tmp.path("out")
        let first = Process()
        first.executableURL = CLIRunner.executable
        first.arguments = ["crop", "demo/sources/manifest.json", "-o", "out", "-j", "1"]
        first.currentDirectoryURL = tmp.url
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        while first.isRunning && ProcessInterrupter.files(in: out, ext: "png").isEmpty { usleep(2_000) }
        let second = try CLIRunner.run(["crop", "demo/sources/manifest.json", "-o", "out"], in: tmp.url)
        let stillRunning = first.isRunning
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        guard stillRunning else { print("skipped: the first crop finished before the second started"); return }
        #expect(second.status == 1, "\(second.stderr)")
        #expect(second.stderr.contains("another dman process is writing this folder (pid \(first.processIdentifier))"), "\(second.stderr)")
        #expect(second.stderr.split(separator: "\n").count == 1)
    }
}

/// `audit --dedupe` in a folder that cannot be written (immutable: root
/// ignores permission bits, not `chattr +i`).
@Suite struct ImmutableDatasetTests {
    func chattr(_ flag: String, _ url: URL) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        p.arguments = [flag, url.path]
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test func dedupeInAnImmutableFolderIsOneClearLineAndMovesNothing() throws {
        let tmp = TemporaryDirectory("dman-rel-immutable")
        #expect(try CLIRunner.run(["demo", "-o", "demo", "--sources-only", "--count", "24", "--quiet"], in: tmp.url).status == 0)
        #expect(try CLIRunner.run(["crop", "demo/sources/manifest.json", "-o", "crops", "--size", "64"], in: tmp.url).status == 0)
        let before = try OutputInvariants.contents(of: tmp.path("crops"))
        guard chattr("+i", tmp.path("crops")) else { print("skipped: chattr +i is not supported here"); return }
        defer { _ = chattr("-i", tmp.path("crops")) }
        let r = try CLIRunner.run(["audit", "crops", "--dedupe", "--no-cache"], in: tmp.url)
        #expect(r.status == 1, "\(r.stderr)")
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1 && errors[0].contains("crops/quarantine: cannot write: Operation not permitted"), "\(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        #expect(try OutputInvariants.contents(of: tmp.path("crops")) == before)
    }
}
