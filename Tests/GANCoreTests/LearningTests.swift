import DmanCore
import DmanTestSupport
import Foundation
import GANCore
import Testing

/// Training must move the generator towards the data: on coloured discs, the
/// colour-histogram distance between samples and data must fall well below
/// that of the untrained generator. Wrong gradients (sign, scale, a missing
/// term) leave the generator far from the data and fail this test.
@Suite struct LearningTests {
    @Test func discsAreLearnedWithinAFewHundredIterations() throws {
        var config = DCGANConfig()
        config.imageSize = 16; config.zDim = 16; config.generatorWidth = 16; config.discriminatorWidth = 16
        config.batchSize = 16; config.iterations = LearningTests.iterations; config.seed = 7
        config.sampleEvery = 0; config.checkpointEvery = 0; config.threads = 1
        config.learningRate = 1e-3  // faster than carpedm20's 2e-4, so a few hundred iterations suffice
        let images = SyntheticDiscs.images(count: 128, size: 16, seed: 11)
        let data = try TrainingSet(images: images, names: (0..<128).map { "disc-\($0).png" }, imageSize: 16)
        let all = Tensor(shape: [0])
        data.fill(all, indices: ArraySlice(0..<128))
        let target = SyntheticDiscs.histogram(all)

        let untrained = DCGAN(config: config)
        let z = Tensor(shape: [64, config.zDim])
        var rng = SplitMix64(seed: 99)
        Initialization.fillLatent(z, distribution: .uniform, rng: &rng)
        let before = SyntheticDiscs.distance(SyntheticDiscs.histogram(untrained.generator.forward(z, training: false)), target)

        let tmp = TemporaryDirectory("gan-learn")
        try GANTrainer(config: config, data: data, runFolder: tmp.url).run()
        let out = try ImageGeneration.generate(checkpoint: tmp.url, count: 64, seed: 99, outputFolder: tmp.path("gen"), threads: 1)
        let st = try SafeTensors(decoding: Data(contentsOf: out.tensors))
        let generated = channelMajor(try st.tensor("images").values, shape: [64, 3, 16, 16])
        let after = SyntheticDiscs.distance(SyntheticDiscs.histogram(generated), target)
        print("colour-histogram L1 distance: untrained \(before), after \(config.iterations!) iterations \(after)")
        #expect(before > 1.0)
        #expect(after < 0.4 * before, "distance \(after) not below 40% of untrained \(before)")
    }

    static let iterations = 300
}
