import GANCore
import Testing

/// FastGAN pieces against PyTorch (bench/gan-fastgan/make_golden.py → Fixtures/fastgan.safetensors).
@Suite struct FastGANGoldenTests {
    let st: SafeTensors
    init() throws { st = try fixture("fastgan") }

    func nchwTensor(_ name: String) throws -> Tensor {
        let t = try st.tensor(name)
        return channelMajor(t.values, shape: t.shape)
    }

    /// Forward, input gradient and parameter gradients of a parameter-free or `p<i>`-parameterised layer.
    func check(_ layer: any Layer, _ prefix: String) throws {
        for (i, p) in layer.parameters.enumerated() { setValues(p.value, try st.tensor("\(prefix)p\(i)").values) }
        let y = layer.forward(try nchwTensor(prefix + "x"), training: true)
        expectClose(nchw(y), try st.tensor(prefix + "y").values, 2e-5, "\(prefix) forward")
        for p in layer.parameters { p.zeroGradient() }
        let dx = layer.backward(try nchwTensor(prefix + "dy"))
        expectClose(nchw(dx), try st.tensor(prefix + "dx").values, 2e-5, "\(prefix) input gradient")
        for (i, p) in layer.parameters.enumerated() {
            expectClose(p.gradient.array, try st.tensor("\(prefix)p\(i).grad").values, 2e-5, "\(prefix) \(p.name) gradient")
        }
    }

    @Test func nearestUpsample() throws { try check(NearestUpsample2x(), "up.") }

    @Test func adaptiveAveragePool() throws { try check(AdaptiveAveragePool(outputSize: 4), "pool.") }

    @Test func sigmoid() throws { try check(ActivationLayer(.sigmoid), "sig.") }

    /// The gate reads the tap's value; its gradient arrives at the tap.
    @Test func skipLayerExcitation() throws {
        let tap = FeatureTap()
        let sle = SkipLayerExcitation(name: "sle", source: tap, lowChannels: 4, channels: 3, workspace: Workspace())
        let low = try nchwTensor("sle.extra0")
        _ = tap.forward(low, training: true)
        try check(sle, "sle.")
        let zero = Tensor(shape: low.shape)
        expectClose(nchw(tap.backward(zero)), try st.tensor("sle.dextra0").values, 2e-5, "gradient at the tap")
    }

    @Test func reconstructionBranch() throws {
        let branch = ReconstructionBranch(name: "d_dec", channels: 16, blocks: 1, workspace: Workspace())
        branch.target = try nchwTensor("rec.target")
        try check(branch, "rec.")
        #expect(abs(Float(branch.lastLoss ?? -1) - (try st.tensor("rec.loss").values[0])) < 1e-5)
        // Without a target the branch is the identity both ways.
        branch.target = nil
        let x = try nchwTensor("rec.x"), dy = try nchwTensor("rec.dy")
        #expect(branch.forward(x, training: true).array == x.array)
        #expect(branch.backward(dy).array == dy.array)
    }

    /// The whole 64 px generator: the two excitations' wiring (4 → 16, 8 → 32) and the DAG's summed gradients,
    /// with either upsampling.
    @Test(arguments: [(GeneratorUpsampling.nearest, "gen."), (.transposed, "gent.")])
    func generatorAt64px(_ upsampling: GeneratorUpsampling, _ prefix: String) throws {
        var config = DCGANConfig()
        config.imageSize = 64; config.zDim = 8; config.generatorWidth = 4; config.architecture = .fastgan
        config.generatorUpsampling = upsampling
        let g = DCGANGenerator(config: config, workspace: Workspace())
        #expect(g.network.layers.filter { $0 is SkipLayerExcitation }.count == 2)
        for p in g.network.parameters { setValues(p.value, try st.tensor(prefix + p.name).values) }
        let z = try st.tensor(prefix + "z")
        let y = g.network.forward(Tensor(shape: z.shape, values: z.values), training: true)
        expectClose(nchw(y), try st.tensor(prefix + "y").values, 1e-4, "generator forward")
        g.network.zeroGradients()
        g.network.backward(try nchwTensor(prefix + "dy"))
        for p in g.network.parameters {
            let expected = try st.tensor("\(prefix)\(p.name).grad").values
            if p.name.hasPrefix("g_h"), p.name.hasSuffix(".bias"), !p.name.contains("_lin"), p.name != "g_h\(config.stages).bias" {
                // A conv bias just before a training-mode BatchNorm has gradient 0: both sides are rounding noise.
                #expect(p.gradient.array.allSatisfy { abs($0) < 1e-3 } && expected.allSatisfy { abs($0) < 1e-3 }, "\(p.name)")
            } else {
                expectClose(p.gradient.array, expected, 1e-3, "\(p.name) gradient")
            }
        }
        #expect(Set(g.network.parameters.map(\.name)).count == g.network.parameters.count)
    }
}
