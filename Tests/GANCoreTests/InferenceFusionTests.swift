import GANCore
import Testing

/// The generator's blocked, fused inference pass (ConvTranspose2d+Inference.swift)
/// against the layer-by-layer forward and against PyTorch.
@Suite struct InferenceFusionTests {
    /// Block sizes that force one block per channel or image, a few blocks, and one block.
    static let blockSizes = [1, 700, 1 << 30]

    @Test(arguments: blockSizes)
    func convTransposeMatchesPyTorch(blockFloats: Int) throws {
        let st = try fixture("conv_transpose2d")
        let same = ConvTranspose2d(name: "c", inputChannels: 4, outputChannels: 3, kernelSize: 5, stride: 2, padding: .same,
                                   workspace: Workspace())
        let explicit = ConvTranspose2d(name: "c", inputChannels: 3, outputChannels: 2, kernelSize: 3, stride: 2,
                                       padding: .explicit(1), outputPadding: 1, workspace: Workspace())
        for (conv, prefix) in [(same, "same."), (explicit, "explicit.")] {
            setValues(conv.weight.value, try st.tensor(prefix + "weight").values)
            setValues(conv.bias.value, try st.tensor(prefix + "bias").values)
            let x = try st.tensor(prefix + "x")
            let y = conv.inferenceForward(channelMajor(x.values, shape: x.shape), epilogue: nil, blockFloats: blockFloats)
            expectClose(nchw(y), try st.tensor(prefix + "y").values, 2e-5, "\(prefix) inference, blocks of \(blockFloats)")
        }
    }

    /// Fused ConvTranspose2d + BatchNorm(ReLU) equals the two layers run one
    /// after the other, when blocks split channels (4×4 input: weights are the
    /// larger operand) and when they split images (16×16 input).
    @Test(arguments: blockSizes)
    func fusedBatchNormMatchesLayerByLayer(blockFloats: Int) {
        for (inC, outC, size, batch) in [(16, 8, 4, 3), (6, 4, 16, 5), (6, 4, 16, 1)] {
            let conv = ConvTranspose2d(name: "c", inputChannels: inC, outputChannels: outC, kernelSize: 5, stride: 2,
                                       padding: .same, workspace: Workspace())
            let bn = BatchNorm(name: "bn", channels: outC, activation: .relu)
            setValues(conv.weight.value, randomValues(conv.weight.value.count, seed: 1, scale: 0.2))
            setValues(conv.bias.value, randomValues(outC, seed: 2, scale: 0.1))
            setValues(bn.weight.value, randomValues(outC, seed: 3).map { 1 + 0.3 * $0 })
            setValues(bn.bias.value, randomValues(outC, seed: 4, scale: 0.3))
            setValues(bn.runningMean, randomValues(outC, seed: 5, scale: 0.2))
            setValues(bn.runningVar, randomValues(outC, seed: 6).map { 0.6 + 0.5 * $0 })
            let x = Tensor(shape: [inC, batch, size, size], values: randomValues(inC * batch * size * size, seed: 7))
            let expected = bn.forward(conv.forward(x, training: false), training: false).array
            let fused = conv.inferenceForward(x, epilogue: bn.inferenceEpilogue, blockFloats: blockFloats).array
            expectClose(fused, expected, 1e-6, "\(inC)→\(outC) at \(size) px, \(batch) images, blocks of \(blockFloats)")
            #expect(fused.contains { $0 == 0 } && fused.contains { $0 > 0 }, "ReLU was applied to a mixed input")
        }
    }

    /// The whole generator (every stage fused, final tanh included) equals
    /// `network.forward(_, training: false)`, also through ``DCGANGenerator/generate(_:chunk:)``.
    @Test func generatorInferenceMatchesNetworkForward() {
        var config = DCGANConfig()
        config.imageSize = 32; config.zDim = 12; config.generatorWidth = 8
        let generator = DCGANGenerator(config: config, workspace: Workspace())
        generator.initialize(seed: 9)
        var seed: UInt64 = 20
        for layer in generator.network.layers {
            guard let bn = layer as? BatchNorm else { continue }
            setValues(bn.runningMean, randomValues(bn.channels, seed: seed, scale: 0.05))
            setValues(bn.runningVar, randomValues(bn.channels, seed: seed + 1).map { 0.01 + 0.005 * $0 })
            seed += 2
        }
        let z = Tensor(shape: [7, 12], values: randomValues(7 * 12, seed: 11))
        let expected = generator.network.forward(z, training: false).array
        let fused = generator.inference(z).array
        expectClose(fused, expected, 1e-5, "inference")
        expectClose(generator.forward(z, training: false).array, expected, 1e-5, "forward(training: false)")
        expectClose(generator.generate(z, chunk: 3).array, expected, 1e-5, "generate in chunks of 3")
        #expect(expected.contains { abs($0) > 0.05 }, "the check sees non-trivial images")
    }
}
