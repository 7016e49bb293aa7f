import DmanCore
import DmanTestSupport
import Foundation
import GANCore
import Testing

/// Checkpoint, resume, generate and eval with ``GANArchitecture/fastgan``.
@Suite(.serialized) struct FastGANRunTests {
    static func config(iterations: Int) -> DCGANConfig {
        var c = ResumeTests.config(iterations: iterations)
        c.imageSize = 32; c.architecture = .fastgan; c.emaDecay = 0.99; c.loss = .hinge
        c.diffAugment = DiffAugmentPolicy([.translation, .cutout])
        return c
    }

    static func data() throws -> TrainingSet {
        try TrainingSet(images: SyntheticDiscs.images(count: 10, size: 32, seed: 5), names: (0..<10).map { "disc-\($0).png" },
                        imageSize: 32)
    }

    @Test func stoppedAndResumedRunIsIdenticalToUninterrupted() throws {
        let tmp = TemporaryDirectory("fastgan-resume")
        let data = try Self.data()
        #expect(try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("whole")).run() == 7)
        let part = try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("part"))
        #expect(try part.run { if case .iteration(let r) = $0, r.step == 5 { part.requestStop() } } == 5)
        #expect(try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("part")).run() == 7)
        let a = try Data(contentsOf: RunFolder(tmp.path("whole")).checkpointURL(step: 7))
        let b = try Data(contentsOf: RunFolder(tmp.path("part")).checkpointURL(step: 7))
        let st = try SafeTensors(decoding: a)
        // The excitation gates, the decoder (with its BatchNorm statistics) and their Adam moments are saved.
        for name in ["g_sle2.conv1.weight", "d_dec_rgb.weight", "d_dec_bn0.running_mean", "optimizer.D.d_dec0.weight.exp_avg",
                     "optimizer.G.g_sle2.conv2.bias.exp_avg_sq", "ema.g_sle2.conv1.weight"] {
            #expect(st.entries[name] != nil, "checkpoint lacks \(name)")
        }
        #expect(a == b, "checkpoint files differ after resume")

        // DCGAN's networks do not load into this run.
        var dcgan = Self.config(iterations: 7)
        dcgan.architecture = nil
        #expect(throws: GANError.self) { try GANTrainer(config: dcgan, data: data, runFolder: tmp.path("whole")) }

        // Generate and eval read the architecture from the checkpoint.
        let out = try ImageGeneration.generate(checkpoint: tmp.path("whole"), count: 5, seed: 3, outputFolder: tmp.path("gen"), threads: 1)
        #expect(out.images.count == 5)
        let images = SyntheticDiscs.images(count: 10, size: 32, seed: 5)
        let row = try RunEvaluation.evaluate(checkpoint: RunFolder(tmp.path("whole")).checkpointURL(step: 7), real: images,
                                             training: images, seed: 7, hash: nil, threads: 1)
        #expect(row.usedEMA && row.step == 7 && row.swdAverage.isFinite && row.swdAverage > 0)
    }

    @Test func fastganNeedsSixteenPixels() {
        var c = Self.config(iterations: 1)
        c.imageSize = 8
        #expect(throws: GANError.self) { try c.validate() }
    }
}
