import DmanCore
import DmanTestSupport
import Foundation
import GANCore
import Testing

/// A run stopped and resumed ends bit for bit where an uninterrupted run ends.
@Suite(.serialized) struct ResumeTests {
    static func config(iterations: Int) -> DCGANConfig {
        var c = DCGANConfig()
        c.imageSize = 16; c.zDim = 8; c.generatorWidth = 8; c.discriminatorWidth = 8; c.batchSize = 4
        c.iterations = iterations; c.checkpointEvery = 3; c.sampleEvery = 2; c.sampleCount = 9; c.threads = 1; c.seed = 42
        return c
    }

    static func data() throws -> TrainingSet {
        let imgs = SyntheticDiscs.images(count: 10, size: 16, seed: 5)
        return try TrainingSet(images: imgs, names: (0..<10).map { "disc-\($0).png" }, imageSize: 16)
    }

    @Test func stoppedAndResumedRunIsIdenticalToUninterrupted() throws {
        let tmp = TemporaryDirectory("gan-resume")
        let data = try Self.data()
        let whole = try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("whole"))
        #expect(try whole.run() == 7)

        // Stop after iteration 5 (as Ctrl-C would), then run the same command again.
        let part = try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("part"))
        var events: [String] = []
        let stoppedAt = try part.run { event in
            if case .iteration(let r) = event, r.step == 5 { part.requestStop() }
            if case .checkpointWritten(let s, _) = event { events.append("ckpt \(s)") }
        }
        #expect(stoppedAt == 5)
        #expect(events == ["ckpt 3", "ckpt 5"])
        let again = try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("part"))
        var start: TrainingStart?
        #expect(try again.run { if case .started(let s) = $0 { start = s } } == 7)
        #expect(start?.step == 5 && start?.targetStep == 7 && start?.resumedFrom?.hasSuffix("step-00000005.safetensors") == true)
        #expect(start?.changedSettings == nil, "the same settings resumed: nothing to report")

        let a = try Data(contentsOf: RunFolder(tmp.path("whole")).checkpointURL(step: 7))
        let b = try Data(contentsOf: RunFolder(tmp.path("part")).checkpointURL(step: 7))
        #expect(a.count > 10_000)
        let sa = try SafeTensors(decoding: a), sb = try SafeTensors(decoding: b)
        #expect(sa.names == sb.names && sa.metadata == sb.metadata)
        let differing = sa.names.filter { sa.entries[$0]?.bytes != sb.entries[$0]?.bytes }
        #expect(differing.isEmpty, "tensors differ after resume: \(differing)")
        #expect(a == b, "checkpoint files differ after resume")
        let la = try String(contentsOf: tmp.path("whole/losses.csv"), encoding: .utf8)
        let lb = try String(contentsOf: tmp.path("part/losses.csv"), encoding: .utf8)
        let strip = { (s: String) in s.split(separator: "\n").map { $0.split(separator: ",").dropLast().joined(separator: ",") } }
        #expect(strip(la) == strip(lb))
        #expect(strip(la).count == 8)
    }

    /// Resuming with other training settings (a flag, or a default changed by an upgrade) is reported by
    /// field; how long, how often and on how many threads it trains are not training settings.
    @Test func resumingWithOtherTrainingSettingsNamesThem() throws {
        let tmp = TemporaryDirectory("gan-resume-changed")
        let data = try Self.data()
        var dcgan = Self.config(iterations: 3)
        GANRecipe.dcgan.apply(to: &dcgan)
        #expect(try GANTrainer(config: dcgan, data: data, runFolder: tmp.path("run")).run() == 3)

        var fewshot = Self.config(iterations: 5)
        GANRecipe.fewshot.apply(to: &fewshot)
        fewshot.threads = 2; fewshot.sampleEvery = 0
        #expect(fewshot.trainingFieldsDiffering(from: dcgan) == ["diffAugment", "emaDecay", "r1Gamma"])
        var start: TrainingStart?
        #expect(try GANTrainer(config: fewshot, data: data, runFolder: tmp.path("run")).run { if case .started(let s) = $0 { start = s } } == 5)
        #expect(start?.step == 3 && start?.changedSettings == ["diffAugment", "emaDecay", "r1Gamma"])
        // config.json now records the new settings, so the next same-command resume is quiet.
        let saved = try JSONDecoder().decode(DCGANConfig.self, from: Data(contentsOf: RunFolder(tmp.path("run")).configURL))
        #expect(saved.trainingFieldsDiffering(from: fewshot).isEmpty && saved.emaDecay == 0.999)

        var more = fewshot
        more.iterations = 6; more.checkpointEvery = 1; more.keepCheckpoints = 1
        #expect(more.trainingFieldsDiffering(from: fewshot).isEmpty)
        var lr = fewshot
        lr.learningRate = 1e-4; lr.seed = 7
        #expect(lr.trainingFieldsDiffering(from: fewshot) == ["learningRate", "seed"])
    }

    @Test func runFolderHasEveryArtifact() throws {
        let tmp = TemporaryDirectory("gan-run")
        let trainer = try GANTrainer(config: Self.config(iterations: 4), data: try Self.data(), runFolder: tmp.url)
        try trainer.run()
        let fm = FileManager.default
        for f in ["config.json", "losses.csv", "loss-curve.png", "samples/step-00000002.png", "samples/step-00000004.png",
                  "checkpoints/step-00000003.safetensors", "checkpoints/step-00000004.safetensors"] {
            #expect(fm.fileExists(atPath: tmp.path(f).path), "missing \(f)")
        }
        let grid = try ImageCodec.decode(Data(contentsOf: tmp.path("samples/step-00000004.png"))).image
        #expect(grid.width == 48 && grid.height == 48)
        let saved = try JSONDecoder().decode(DCGANConfig.self, from: Data(contentsOf: tmp.path("config.json")))
        #expect(saved == Self.config(iterations: 4))

        // A finished run trains further when run again, and other networks are refused.
        let more = try GANTrainer(config: Self.config(iterations: 4), data: try Self.data(), runFolder: tmp.url)
        #expect(try more.run() == 8)
        var other = Self.config(iterations: 4)
        other.generatorWidth = 16
        #expect(throws: GANError.self) { try GANTrainer(config: other, data: try Self.data(), runFolder: tmp.url) }

        // Generation from the run folder writes N images, a grid and the tensors.
        let out = try ImageGeneration.generate(checkpoint: tmp.url, count: 5, seed: 3, outputFolder: tmp.path("gen"), threads: 1)
        #expect(out.images.count == 5 && out.checkpoint.lastPathComponent == "step-00000008.safetensors")
        #expect(fm.fileExists(atPath: out.grid.path))
        let st = try SafeTensors(decoding: Data(contentsOf: out.tensors))
        #expect(st.entries["images"]?.shape == [5, 3, 16, 16])
    }
}
