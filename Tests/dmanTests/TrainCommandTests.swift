import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// `dman train` end to end on a tiny folder of generated PNGs.
@Suite(.serialized) struct TrainCommandTests {
    /// `count` 16×16 textured PNGs.
    static func folder(count: Int = 12, size: Int = 16) throws -> TemporaryDirectory {
        let dir = TemporaryDirectory("dman-train-cli")
        try FileManager.default.createDirectory(at: dir.path("set"), withIntermediateDirectories: true)
        for i in 0..<count {
            let image = SyntheticImage.textured(width: size, height: size, seed: UInt64(i + 1))
            try ImageCodec.pngData(image).write(to: dir.path(String(format: "set/img-%02d.png", i)))
        }
        return dir
    }

    static let tiny = ["--batch", "4", "--gf", "8", "--df", "8", "--z-dim", "8", "--threads", "1", "--seed", "3",
                       "--sample-every", "2", "--checkpoint-every", "2"]

    @Test func tinyRunWritesEveryArtifactAndRerunResumes() throws {
        let dir = try Self.folder()
        let run = dir.path("run").path
        let r = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "3"] + Self.tiny)
        #expect(r.status == 0, "\(r.stderr)")
        let fm = FileManager.default
        for f in ["config.json", "losses.csv", "loss-curve.png", "nearest.png", "samples/step-00000002.png",
                  "checkpoints/step-00000003.safetensors"] {
            #expect(fm.fileExists(atPath: "\(run)/\(f)"), "missing \(f)")
        }
        let config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.path("run/config.json"))) as? [String: Any])
        #expect(config["imageSize"] as? Int == 16, "size taken from the images")
        #expect(config["batchSize"] as? Int == 4 && config["generatorWidth"] as? Int == 8)
        var csv = try String(contentsOfFile: "\(run)/losses.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 4)
        let fields = csv[2].split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields.count == 12)
        #expect(fields.count == 12 && !fields[8].isEmpty && !fields[9].isEmpty, "mode counts logged at the sample step")

        // Same command again: resumes from step 3 and trains 3 more.
        let again = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "3", "--json-lines"] + Self.tiny)
        #expect(again.status == 0, "\(again.stderr)")
        let events = again.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let start = try #require(events.first { $0["event"] as? String == "started" }?["start"] as? [String: Any])
        #expect(start["step"] as? Int == 3 && start["targetStep"] as? Int == 6)
        #expect((start["resumedFrom"] as? String)?.hasSuffix("step-00000003.safetensors") == true)
        #expect(events.filter { $0["event"] as? String == "iteration" }.count == 3)
        #expect(events.last?["event"] as? String == "finished")
        csv = try String(contentsOfFile: "\(run)/losses.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 7)
        #expect(fm.fileExists(atPath: "\(run)/checkpoints/step-00000006.safetensors"))
    }

    /// `--json` is one document, as README says; the stream is `--json-lines`.
    @Test func jsonIsOneDocumentForTheWholeRun() throws {
        let dir = try Self.folder()
        let r = try CLIRunner.run(["train", dir.path("set").path, "-o", dir.path("run").path, "--iterations", "3", "--json"] + Self.tiny)
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout.prefix(300))")
        #expect(doc["step"] as? Int == 3 && doc["stopped"] as? Bool == false && doc["iterations"] as? Int == 3)
        #expect((doc["run"] as? String)?.hasSuffix("/run") == true)
        let events = try #require(doc["events"] as? [[String: Any]])
        #expect(events.first?["event"] as? String == "started" && events.last?["event"] as? String == "finished")
        #expect(events.contains { $0["event"] as? String == "checkpoint" || $0["event"] as? String == "checkpoint_written" })
        #expect(doc["last_iteration"] is [String: Any])
    }

    @Test func sizeMismatchIsOneLineNamingTheFile() throws {
        let dir = try Self.folder(count: 6)
        let odd = SyntheticImage.textured(width: 20, height: 16, seed: 99)
        try ImageCodec.pngData(odd).write(to: dir.path("set/zz-odd.png"))
        let r = try CLIRunner.run(["train", dir.path("set").path, "-o", dir.path("run").path, "--iterations", "1"] + Self.tiny)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: ") && lines[0].contains("zz-odd.png") && lines[0].contains("20×16")
                && lines[0].hasSuffix("(use --resize to scale it)"), "\(r.stderr)")
        // --resize accepts it.
        let ok = try CLIRunner.run(["train", dir.path("set").path, "-o", dir.path("run").path, "--iterations", "1", "--resize"] + Self.tiny)
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test func extrasFlagsReachTheTrainer() throws {
        let dir = try Self.folder()
        let run = dir.path("run").path
        let r = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "2",
                                   "--diffaugment", "color,translation,cutout", "--ema", "0.99", "--loss", "hinge",
                                   "--spectral-norm"] + Self.tiny)
        #expect(r.status == 0, "\(r.stderr)")
        let config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.path("run/config.json"))) as? [String: Any])
        #expect(config["loss"] as? String == "hinge" && config["spectralNorm"] as? Bool == true)
        #expect((config["emaDecay"] as? Double).map { abs($0 - 0.99) < 1e-6 } == true)
        #expect((config["diffAugment"] as? [String: Any])?["ops"] as? [String] == ["color", "translation", "cutout"])
        let ckpt = try Data(contentsOf: dir.path("run/checkpoints/step-00000002.safetensors"))
        let header = String(decoding: ckpt.prefix(8 + Int(ckpt.prefix(8).withUnsafeBytes { $0.load(as: UInt64.self) })), as: UTF8.self)
        #expect(header.contains("\"ema.g_h0_lin.weight\"") && header.contains("\"d_h0_conv.weight_u\""))

        let bad = try CLIRunner.run(["train", dir.path("set").path, "--diffaugment", "colour"])
        #expect(bad.status == 64 && bad.stderr.contains("--diffaugment: unknown policy 'colour'"), "\(bad.stderr)")
    }

    /// `--r1` and `--r1-every` reach config.json and the log; R1 on FastGAN's discriminator is refused naming the flag.
    @Test func r1FlagsReachTheTrainerAndTheLossLog() throws {
        let dir = try Self.folder()
        let run = dir.path("run").path
        let r = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "3", "--r1", "0.05", "--r1-every", "2"] + Self.tiny)
        #expect(r.status == 0, "\(r.stderr)")
        let config = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.path("run/config.json"))) as? [String: Any])
        #expect((config["r1Gamma"] as? Double).map { abs($0 - 0.05) < 1e-6 } == true && config["r1Interval"] as? Int == 2)
        let rows = try String(contentsOf: dir.path("run/losses.csv"), encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        #expect(rows[0].last == "r1")
        #expect(rows.dropFirst().map { !$0.last!.isEmpty } == [true, false, true], "R1 on steps 1 and 3 (0-based 0 and 2)")

        let bad = try CLIRunner.run(["train", dir.path("set").path, "--r1", "0.1", "--arch", "fastgan"])
        #expect(bad.status == 64 && bad.stderr.contains("--r1") && bad.stderr.contains("dcgan"), "\(bad.stderr)")
    }

    @Test func recipeSetsItsDefaultsAndExplicitFlagsOverrideIt() throws {
        let dir = try Self.folder()
        func config(_ extra: [String]) throws -> [String: Any] {
            let run = dir.path("run-\(extra.joined())").path
            let r = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "1"] + Self.tiny + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/config.json"))) as? [String: Any])
        }
        // carpedm20's DCGAN exactly, for parity: selectable, no longer the default.
        let dcgan = try config(["--recipe", "dcgan"])
        #expect(dcgan["generatorSteps"] as? Int == 2 && dcgan["loss"] == nil && dcgan["diffAugment"] == nil
                && dcgan["emaDecay"] == nil && dcgan["r1Gamma"] == nil && dcgan["zDistribution"] as? String == "uniform")
        // No recipe named: the recommended one (fewshot), the same configuration as naming it.
        let plain = try config([])
        let fewshot = try config(["--recipe", "fewshot"])
        for c in [plain, fewshot] {
            #expect(c["generatorSteps"] as? Int == 2 && c["loss"] == nil && c["zDistribution"] as? String == "uniform")
            #expect((c["diffAugment"] as? [String: Any])?["ops"] as? [String] == ["translation", "cutout"])
            #expect((c["emaDecay"] as? Double).map { abs($0 - 0.999) < 1e-6 } == true)
            #expect((c["r1Gamma"] as? Double).map { abs($0 - 0.01) < 1e-6 } == true && c["r1Interval"] == nil)
        }
        // fewshot's R1 needs the dcgan discriminator: with --arch fastgan the recipe leaves it off instead of
        // refusing the run; --r1 0 turns it off on dcgan.
        let fastgan = try config(["--arch", "fastgan"])
        #expect(fastgan["r1Gamma"] == nil && fastgan["architecture"] as? String == "fastgan")
        #expect(try config(["--r1", "0"])["r1Gamma"] == nil)
        let overridden = try config(["--recipe", "fewshot", "--g-steps", "1", "--loss", "hinge", "--lr-d", "4e-4",
                                     "--diffaugment", "color,translation", "--ema", "0.99"])
        #expect(overridden["generatorSteps"] as? Int == 1 && overridden["loss"] as? String == "hinge")
        #expect((overridden["discriminatorLearningRate"] as? Double).map { abs($0 - 4e-4) < 1e-9 } == true)
        #expect((overridden["diffAugment"] as? [String: Any])?["ops"] as? [String] == ["color", "translation"])
        #expect((overridden["emaDecay"] as? Double).map { abs($0 - 0.99) < 1e-6 } == true)
    }

    /// A run made with `--recipe dcgan` and resumed without it (the default is fewshot) says which settings changed.
    @Test func resumingWithAnotherRecipeWarnsNamingTheSettings() throws {
        let dir = try Self.folder()
        let run = dir.path("run").path
        let first = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "1", "--recipe", "dcgan"] + Self.tiny)
        #expect(first.status == 0 && !first.stderr.contains("differ"), "\(first.stderr)")
        let again = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "1"] + Self.tiny)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("warning: resuming with settings that differ from the run's config.json: diffaugment, ema, r1"),
                "\(again.stderr)")
        let quiet = try CLIRunner.run(["train", dir.path("set").path, "-o", run, "--iterations", "1"] + Self.tiny)
        #expect(quiet.status == 0 && !quiet.stderr.contains("differ"), "\(quiet.stderr)")
    }

    @Test func timeLimitEndsTheRunWithCheckpointSamplesAndModes() throws {
        let dir = try Self.folder()
        let run = dir.path("run").path
        let args = ["train", dir.path("set").path, "-o", run, "--time-limit", "2s", "--batch", "4", "--gf", "8", "--df", "8",
                    "--z-dim", "8", "--threads", "1", "--seed", "3", "--sample-every", "0", "--checkpoint-every", "0"]
        let r = try CLIRunner.run(args + ["--json-lines"])
        #expect(r.status == 0, "\(r.stderr)")
        let events = r.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let limit = try #require(events.first { $0["event"] as? String == "time_limit" })
        let step = try #require(limit["step"] as? Int)
        #expect(step > 0 && (limit["seconds"] as? Double ?? 0) >= 2)
        #expect(events.contains { $0["event"] as? String == "modes" && $0["step"] as? Int == step })
        let fm = FileManager.default
        for f in [String(format: "checkpoints/step-%08d.safetensors", step), String(format: "samples/step-%08d.png", step), "nearest.png"] {
            #expect(fm.fileExists(atPath: "\(run)/\(f)"), "missing \(f)")
        }
        let bad = try CLIRunner.run(["train", dir.path("set").path, "--time-limit", "20 minutes"])
        #expect(bad.status == 64 && bad.stderr.contains("time-limit"), "\(bad.stderr)")
    }

    @Test func interruptWritesACheckpointAndExits130() throws {
        let dir = try Self.folder()
        let p = Process()
        p.executableURL = CLIRunner.executable
        p.arguments = ["train", dir.path("set").path, "-o", dir.path("run").path, "--iterations", "100000", "--json-lines"]
            + Self.tiny.filter { $0 != "2" && $0 != "--checkpoint-every" && $0 != "--sample-every" }
            + ["--checkpoint-every", "0", "--sample-every", "0"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        // Wait for a few iterations, then Ctrl-C.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("\"step\":3") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        kill(p.processIdentifier, SIGINT)
        _ = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        let ckpts = (try? FileManager.default.contentsOfDirectory(atPath: dir.path("run/checkpoints").path)) ?? []
        #expect(ckpts.count == 1 && ckpts[0].hasPrefix("step-") && ckpts[0] != "step-00000000.safetensors")
    }
}
