import DmanCore
import DmanTestSupport
import Foundation
import GANCore
import Testing

/// Issue 6 inside the trainer: DiffAugment, EMA, hinge loss, spectral norm,
/// the mode-collapse detector and the memorisation check.
@Suite(.serialized) struct TrainingExtrasTests {
    static func config(iterations: Int) -> DCGANConfig {
        var c = ResumeTests.config(iterations: iterations)
        c.diffAugment = .standard
        c.emaDecay = 0.99
        c.loss = .hinge
        c.spectralNorm = true
        c.modeCheckCount = 16
        return c
    }

    @Test func allExtrasResumeBitExactAndCheckpointKeepsTheirState() throws {
        let tmp = TemporaryDirectory("gan-extras-resume")
        let data = try ResumeTests.data()
        let whole = try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("whole"))
        #expect(try whole.run() == 7)
        let part = try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("part"))
        #expect(try part.run { if case .iteration(let r) = $0, r.step == 4 { part.requestStop() } } == 4)
        let again = try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("part"))
        #expect(try again.run() == 7)
        let a = try SafeTensors(decoding: Data(contentsOf: RunFolder(tmp.path("whole")).checkpointURL(step: 7)))
        let b = try SafeTensors(decoding: Data(contentsOf: RunFolder(tmp.path("part")).checkpointURL(step: 7)))
        #expect(a.names == b.names && a.metadata == b.metadata)
        let differing = a.names.filter { name in a.entries[name]?.bytes != b.entries[name]?.bytes }
        #expect(differing.isEmpty, "tensors differ after resume: \(differing)")
        // EMA copies of every G parameter, u/v of every D conv/linear weight.
        #expect(a.names.contains("ema.g_h0_lin.weight") && a.names.contains("ema.g_h2.weight"))
        #expect(a.names.contains("d_h0_conv.weight_u") && a.names.contains("d_h2_lin.weight_v"))
        // torch.nn.utils.spectral_norm's state_dict names: weight_orig, no plain weight.
        #expect(a.names.contains("d_h0_conv.weight_orig") && a.names.contains("d_h2_lin.weight_orig"))
        #expect(!a.names.contains("d_h0_conv.weight") && a.names.contains("d_bn1.weight"))
        #expect(a.metadata["ema_updates"] == "7")
        // The EMA differs from the live weights (it lags behind them).
        #expect(a.entries["ema.g_h1.weight"]?.bytes != a.entries["g_h1.weight"]?.bytes)
        #expect(a.entries["ema.g_h1.weight"]?.bytes.count == a.entries["g_h1.weight"]?.bytes.count)
        let config = try JSONDecoder().decode(DCGANConfig.self, from: Data(contentsOf: tmp.path("whole/config.json")))
        #expect(config.diffAugment == .standard && config.emaDecay == 0.99 && config.loss == .hinge && config.spectralNorm == true)
    }

    @Test func eachExtraChangesTraining() throws {
        let data = try ResumeTests.data()
        func finalG(_ edit: (inout DCGANConfig) -> Void) throws -> Data {
            let tmp = TemporaryDirectory("gan-extras-effect")
            var c = ResumeTests.config(iterations: 3)
            edit(&c)
            try GANTrainer(config: c, data: data, runFolder: tmp.url).run()
            let st = try SafeTensors(decoding: Data(contentsOf: RunFolder(tmp.url).checkpointURL(step: 3)))
            return st.entries["g_h1.weight"]!.bytes
        }
        let plain = try finalG { _ in }
        #expect(try finalG { $0.diffAugment = .standard } != plain)
        #expect(try finalG { $0.loss = .hinge } != plain)
        #expect(try finalG { $0.spectralNorm = true } != plain)
        #expect(try finalG { $0.emaDecay = 0.9 } == plain, "EMA only watches the weights")
    }

    @Test func emaWarmUpFollowsTheWeightsEarlyUnlessTurnedOff() throws {
        let data = try ResumeTests.data()
        func distanceFromLive(_ warmUp: Bool?) throws -> Double {
            let tmp = TemporaryDirectory("gan-extras-ema")
            var c = ResumeTests.config(iterations: 3)
            c.emaDecay = 0.999
            c.emaWarmUp = warmUp
            try GANTrainer(config: c, data: data, runFolder: tmp.url).run()
            let st = try SafeTensors(decoding: Data(contentsOf: RunFolder(tmp.url).checkpointURL(step: 3)))
            let live = try st.floats("g_h1.weight", shape: [16, 8, 5, 5]), ema = try st.floats("ema.g_h1.weight", shape: [16, 8, 5, 5])
            return zip(live, ema).reduce(0) { $0 + Double(abs($1.0 - $1.1)) }
        }
        let ramped = try distanceFromLive(nil), plain = try distanceFromLive(false)
        #expect(ramped > 0 && ramped < plain / 2, "warm-up: \(ramped), plain 0.999: \(plain)")
    }

    /// With `--ema`, samples come from averaged weights; their BatchNorm
    /// statistics must be the averaged weights' own. Inference output is
    /// compared with a training-mode pass over one large batch (its exact
    /// batch statistics): the recomputed statistics must match it far better
    /// than the live generator's statistics (what sampling used before).
    @Test func emaSamplerUsesStatisticsOfTheAveragedWeights() throws {
        let tmp = TemporaryDirectory("gan-extras-ema-bn")
        var c = ResumeTests.config(iterations: 6)
        c.batchSize = 8
        c.learningRate = 0.01  // live weights run away from their average quickly
        c.emaDecay = 0.999
        c.emaWarmUp = false
        try GANTrainer(config: c, data: try ResumeTests.data(), runFolder: tmp.url).run()
        let checkpoint = RunFolder(tmp.url).checkpointURL(step: 6)
        let st = try SafeTensors(decoding: Data(contentsOf: checkpoint))
        #expect(st.names.contains("ema.g_bn0.running_mean") && st.names.contains("ema.g_bn1.running_var"))
        #expect(st.entries["ema.g_bn1.running_var"]?.bytes != st.entries["g_bn1.running_var"]?.bytes)

        let averaged = DCGANGenerator(config: c, workspace: Workspace())
        try ImageGeneration.loadGenerator(checkpoint, into: averaged)
        let live = DCGANGenerator(config: c, workspace: Workspace())
        try ImageGeneration.loadGenerator(checkpoint, into: live, preferEMA: false)
        let stale = DCGANGenerator(config: c, workspace: Workspace())
        try ImageGeneration.loadGenerator(checkpoint, into: stale)
        for ((_, dst), (_, src)) in zip(stale.network.layers.flatMap(\.buffers), live.network.layers.flatMap(\.buffers)) { dst.copy(from: src) }

        let z = Tensor(shape: [512, c.zDim])
        var rng = SplitMix64(seed: 77)
        Initialization.fillLatent(z, distribution: c.zDistribution, rng: &rng)
        let recomputed = averaged.generate(z).array, old = stale.generate(z).array
        let batch = averaged.forward(z, training: true).array
        func meanAbs(_ a: [Float]) -> Double { zip(a, batch).reduce(0) { $0 + Double(abs($1.0 - $1.1)) } / Double(a.count) }
        let errorRecomputed = meanAbs(recomputed), errorOld = meanAbs(old)
        #expect(errorRecomputed < 0.03 && errorRecomputed * 4 < errorOld, "recomputed \(errorRecomputed), live statistics \(errorOld)")
    }

    @Test func modesAreLoggedAndMemorisationPictureWritten() throws {
        let tmp = TemporaryDirectory("gan-extras-modes")
        var c = ResumeTests.config(iterations: 4)
        c.modeCheckCount = 16
        let trainer = try GANTrainer(config: c, data: try ResumeTests.data(), runFolder: tmp.url)
        trainer.modeHash = { image in UInt64(truncatingIfNeeded: image.pixels.reduce(0) { $0 &* 31 &+ Int($1) }) }
        var modeSteps: [Int] = []
        var fraction: Double?
        try trainer.run { event in
            if case .modes(let s, let r) = event { modeSteps.append(s); #expect(r.fakeCount == 16 && r.realCount == 10) }
            if case .memorisation(_, let f, _) = event { fraction = f }
        }
        #expect(modeSteps == [2, 4])
        let csv = try String(contentsOf: tmp.path("losses.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv[0].hasSuffix(",modes_fake,modes_real,augment_p,r1"))
        #expect(csv[2].hasSuffix(",16,10,,") && csv[1].hasSuffix(",,,,"))
        #expect(fraction.map { (0...1).contains($0) } == true)
        #expect(FileManager.default.fileExists(atPath: tmp.path("nearest.png").path))
    }

    @Test func detectorFlagsAConstantGenerator() {
        let real = SyntheticDiscs.images(count: 32, size: 16, seed: 3)
        let hash: @Sendable (PixelImage) -> UInt64 = { image in
            UInt64(truncatingIfNeeded: image.pixels.reduce(0) { $0 &* 31 &+ Int($1) })
        }
        let constant = Tensor(shape: [3, 32, 16, 16])
        constant.fill(0.25)
        let collapsed = GANTrainer.modeReport(generated: constant, realHashes: real.map(hash), threshold: 0, hash: hash)
        #expect(collapsed.fakeModes == 1 && collapsed.likelyCollapse)
        #expect(collapsed.message.hasSuffix("likely mode collapse"))
        let varied = Tensor(shape: [3, 32, 16, 16])
        for i in 0..<varied.count { varied[i] = Float(i % 97) / 48 - 1 }
        #expect(!GANTrainer.modeReport(generated: varied, realHashes: real.map(hash), threshold: 0, hash: hash).likelyCollapse)
    }
}
