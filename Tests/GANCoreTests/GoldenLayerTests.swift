import GANCore
import Testing

/// Forward and backward values against PyTorch (bench/gan/make_golden.py).
@Suite struct GoldenLayerTests {
    /// Runs `layer` on the golden input and compares y, dx and parameter gradients.
    func check(_ layer: any Layer, _ st: SafeTensors, prefix: String, spatial: Bool, params: [(String, Parameter)]) throws {
        let x = try st.tensor(prefix + "x"), y = try st.tensor(prefix + "y"), dy = try st.tensor(prefix + "dy")
        let dx = try st.tensor(prefix + "dx")
        for (name, p) in params { setValues(p.value, try st.tensor(prefix + name).values) }
        let input = spatial ? channelMajor(x.values, shape: x.shape) : Tensor(shape: x.shape, values: x.values)
        let out = layer.forward(input, training: true)
        let outValues = spatial ? nchw(out) : out.array
        expectClose(outValues, y.values, 2e-5, "\(prefix) forward")
        let gradIn = spatial ? channelMajor(dy.values, shape: dy.shape) : Tensor(shape: dy.shape, values: dy.values)
        for (_, p) in params { p.zeroGradient() }
        let g = layer.backward(gradIn)
        expectClose(spatial ? nchw(g) : g.array, dx.values, 2e-5, "\(prefix) input gradient")
        for (name, p) in params {
            expectClose(p.gradient.array, try st.tensor(prefix + name + ".grad").values, 2e-5, "\(prefix) \(name) gradient")
        }
    }

    @Test func conv2dSamePaddingMatchesTensorFlowLayout() throws {
        let st = try fixture("conv2d")
        let conv = Conv2d(name: "c", inputChannels: 3, outputChannels: 4, kernelSize: 5, stride: 2, padding: .same, workspace: Workspace())
        try check(conv, st, prefix: "same.", spatial: true, params: [("weight", conv.weight), ("bias", conv.bias)])
    }

    @Test func conv2dExplicitPadding() throws {
        let st = try fixture("conv2d")
        let conv = Conv2d(name: "c", inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: .explicit(1), workspace: Workspace())
        try check(conv, st, prefix: "explicit.", spatial: true, params: [("weight", conv.weight), ("bias", conv.bias)])
    }

    @Test func convTransposeSamePadding() throws {
        let st = try fixture("conv_transpose2d")
        let conv = ConvTranspose2d(name: "c", inputChannels: 4, outputChannels: 3, kernelSize: 5, stride: 2, padding: .same, workspace: Workspace())
        try check(conv, st, prefix: "same.", spatial: true, params: [("weight", conv.weight), ("bias", conv.bias)])
    }

    @Test func convTransposeExplicitPaddingAndOutputPadding() throws {
        let st = try fixture("conv_transpose2d")
        let conv = ConvTranspose2d(name: "c", inputChannels: 3, outputChannels: 2, kernelSize: 3, stride: 2,
                                   padding: .explicit(1), outputPadding: 1, workspace: Workspace())
        try check(conv, st, prefix: "explicit.", spatial: true, params: [("weight", conv.weight), ("bias", conv.bias)])
    }

    @Test func batchNormTrainingAndInference() throws {
        let st = try fixture("batchnorm")
        let bn = BatchNorm(name: "bn", channels: 3)
        try check(bn, st, prefix: "", spatial: true, params: [("weight", bn.weight), ("bias", bn.bias)])
        expectClose(bn.runningMean.array, try st.tensor("running_mean").values, 1e-5, "running mean")
        expectClose(bn.runningVar.array, try st.tensor("running_var").values, 1e-5, "running var")
        let xe = try st.tensor("eval.x")
        let ye = bn.forward(channelMajor(xe.values, shape: xe.shape), training: false)
        expectClose(nchw(ye), try st.tensor("eval.y").values, 2e-5, "inference forward")
    }

    @Test func linear() throws {
        let st = try fixture("linear")
        let lin = Linear(name: "l", inputFeatures: 6, outputFeatures: 4)
        try check(lin, st, prefix: "", spatial: false, params: [("weight", lin.weight), ("bias", lin.bias)])
    }
}
