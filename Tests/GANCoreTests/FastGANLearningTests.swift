import DmanCore
import DmanTestSupport
import Foundation
import GANCore
import Testing

/// Learning tests of the FastGAN pieces: each fails when its gradient is
/// wrong in sign or missing (the loss it minimises rises or stays put).
@Suite struct FastGANLearningTests {
    static func config(size: Int = 64, width: Int = 4) -> DCGANConfig {
        var c = DCGANConfig()
        c.imageSize = size; c.zDim = 8; c.generatorWidth = width; c.discriminatorWidth = width; c.batchSize = 8
        c.seed = 3; c.threads = 1; c.sampleEvery = 0; c.checkpointEvery = 0; c.architecture = .fastgan
        return c
    }

    /// Only the excitation gates train, to match a teacher generator that differs only in its gates.
    @Test func excitationGatesLearnATeachersGates() {
        let c = Self.config()
        let teacher = DCGANGenerator(config: c, workspace: Workspace()), student = DCGANGenerator(config: c, workspace: Workspace())
        teacher.initialize(seed: 1); student.initialize(seed: 1)
        let gates = student.network.layers.compactMap { $0 as? SkipLayerExcitation }.flatMap(\.parameters)
        for (i, p) in teacher.network.layers.compactMap({ $0 as? SkipLayerExcitation }).flatMap(\.parameters).enumerated() {
            setValues(p.value, randomValues(p.value.count, seed: 50 + UInt64(i), scale: 1.5))
        }
        let z = Tensor(shape: [8, c.zDim], values: randomValues(8 * c.zDim, seed: 4))
        let target = Tensor(shape: [0])
        target.copy(from: teacher.network.forward(z, training: true))
        let adam = Adam(parameters: gates, learningRate: 0.02)
        let gradient = Tensor(shape: [0])
        var losses: [Float] = []
        for _ in 0..<150 {
            let y = student.network.forward(z, training: true)
            losses.append(MeanSquaredError.loss(y, target, gradient: gradient))
            student.network.zeroGradients()
            student.network.backward(gradient)
            adam.update()
        }
        print("gate-only regression MSE: \(losses[0]) → \(losses.last!)")
        #expect(losses[0] > 1e-4)
        #expect(losses.last! < 0.2 * losses[0], "MSE \(losses[0]) → \(losses.last!)")
    }

    /// D's reconstruction loss falls over D updates inside ``DCGAN/trainIteration(real:z:step:)``.
    @Test func reconstructionLossFallsAsDTrains() throws {
        let c = Self.config(size: 32, width: 8)
        let model = DCGAN(config: c)
        let data = try TrainingSet(images: SyntheticDiscs.images(count: 8, size: 32, seed: 5), names: (0..<8).map { "d\($0).png" },
                                   imageSize: 32)
        let real = Tensor(shape: [0]), z = Tensor(shape: [8, c.zDim], values: randomValues(8 * c.zDim, seed: 6))
        var first: Double?, last = 0.0
        for step in 0..<120 {
            data.fill(real, indices: ArraySlice(0..<8))
            let l = model.trainIteration(real: real, z: z, step: step)
            let rec = try #require(l.reconstruction)
            if first == nil { first = rec }
            last = rec
        }
        print("reconstruction MSE: \(first!) → \(last)")
        #expect(last < 0.5 * first!, "reconstruction MSE \(first!) → \(last)")
    }

    /// The whole FastGAN (both pieces, hinge loss) moves the generator towards
    /// coloured discs, as ``LearningTests`` does for DCGAN; samples come back
    /// through a checkpoint and ``ImageGeneration``.
    @Test func discsAreLearned() throws {
        var config = Self.config(size: 16, width: 16)
        config.zDim = 16; config.batchSize = 16; config.iterations = 300; config.seed = 7; config.learningRate = 1e-3
        config.loss = .hinge
        let images = SyntheticDiscs.images(count: 128, size: 16, seed: 11)
        let data = try TrainingSet(images: images, names: (0..<128).map { "disc-\($0).png" }, imageSize: 16)
        let all = Tensor(shape: [0])
        data.fill(all, indices: ArraySlice(0..<128))
        let target = SyntheticDiscs.histogram(all)
        let z = Tensor(shape: [64, config.zDim])
        var rng = SplitMix64(seed: 99)
        Initialization.fillLatent(z, distribution: .uniform, rng: &rng)
        let before = SyntheticDiscs.distance(SyntheticDiscs.histogram(DCGAN(config: config).generator.forward(z, training: false)), target)
        let tmp = TemporaryDirectory("fastgan-learn")
        try GANTrainer(config: config, data: data, runFolder: tmp.url).run()
        let out = try ImageGeneration.generate(checkpoint: tmp.url, count: 64, seed: 99, outputFolder: tmp.path("gen"), threads: 1)
        let st = try SafeTensors(decoding: Data(contentsOf: out.tensors))
        let after = SyntheticDiscs.distance(SyntheticDiscs.histogram(channelMajor(try st.tensor("images").values, shape: [64, 3, 16, 16])),
                                            target)
        print("FastGAN colour-histogram L1 distance: untrained \(before), after 300 iterations \(after)")
        #expect(before > 1.0)
        #expect(after < 0.4 * before, "distance \(after) not below 40% of untrained \(before)")
    }
}
