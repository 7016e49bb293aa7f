/// A named point of a ``Sequential`` whose value a later layer also reads: the
/// identity on the main path, plus the gradients that later layers send back
/// to it (``addGradient(_:)``), summed into its own backward pass.
///
/// With ``SkipLayerExcitation`` this makes a `Sequential` a small DAG: the
/// backward pass runs in reverse order, so every branch that reads the tap
/// has deposited its gradient before the tap's own backward runs.
public final class FeatureTap: Layer {
    public var needsInputGradient = true
    public var computesParameterGradients = true
    /// The value of the last forward pass (owned by the layer before the tap).
    public private(set) var value: Tensor?
    private let pending = Tensor(shape: [0])
    private var hasPending = false
    private let inputGradient = Tensor(shape: [0])

    public init() {}

    public var parameters: [Parameter] { [] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        value = x
        hasPending = false
        return x
    }

    /// Adds a branch's gradient with respect to ``value``.
    public func addGradient(_ g: Tensor) {
        precondition(g.count == value?.count, "FeatureTap.addGradient: shape \(g.shape)")
        if hasPending {
            for i in 0..<g.count { pending.data[i] += g.data[i] }
        } else {
            pending.copy(from: g)
            hasPending = true
        }
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard hasPending else { return dy }
        inputGradient.resize(dy.shape)
        for i in 0..<dy.count { inputGradient.data[i] = dy.data[i] + pending.data[i] }
        hasPending = false
        return inputGradient
    }
}

/// FastGAN's skip-layer excitation (Liu et al., ICLR 2021, §3.1): a channel
/// gate computed from a low-resolution feature multiplies a high-resolution one.
///
/// `y[c, n, :, :] = x[c, n, :, :] · gate[c, n]`, with
/// `gate = sigmoid(conv1×1(leakyReLU₀.₁(conv4×4(adaptiveAvgPool₄(low)))))` and
/// `low` the value of `source` (a ``FeatureTap`` earlier in the network). The
/// backward pass returns `dy · gate` and sends the gate's gradient through the
/// gate network into `source`. Parameters: `<name>.conv1` (`[C, C_low, 4, 4]`)
/// and `<name>.conv2` (`[C, C, 1, 1]`), each with a bias.
public final class SkipLayerExcitation: Layer {
    public let source: FeatureTap
    public let gate: Sequential
    public let conv1: Conv2d
    public let conv2: Conv2d
    public var needsInputGradient = true
    public var computesParameterGradients = true {
        didSet { gate.setComputesParameterGradients(computesParameterGradients) }
    }
    private var input: Tensor?
    private var gateValues: Tensor?
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private let gateGradient = Tensor(shape: [0])

    public init(name: String, source: FeatureTap, lowChannels: Int, channels: Int, workspace: Workspace) {
        self.source = source
        conv1 = Conv2d(name: "\(name).conv1", inputChannels: lowChannels, outputChannels: channels, kernelSize: 4,
                       stride: 1, padding: .explicit(0), workspace: workspace)
        conv2 = Conv2d(name: "\(name).conv2", inputChannels: channels, outputChannels: channels, kernelSize: 1,
                       stride: 1, padding: .explicit(0), workspace: workspace)
        gate = Sequential([AdaptiveAveragePool(outputSize: 4), conv1, ActivationLayer(.leakyReLU(0.1)), conv2,
                           ActivationLayer(.sigmoid)])
    }

    public var parameters: [Parameter] { gate.parameters }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard let low = source.value else { preconditionFailure("SkipLayerExcitation: source tap has no value") }
        let c = x.shape[0], n = x.shape[1], area = x.shape[2] * x.shape[3]
        let g = gate.forward(low, training: training)
        precondition(g.shape == [c, n, 1, 1], "SkipLayerExcitation: gate \(g.shape) for feature \(x.shape)")
        input = x
        gateValues = g
        output.resize(x.shape)
        let s = SharedPointer(x.data), d = SharedPointer(output.data), gp = SharedPointer(g.data)
        Compute.parallel(c * n, minChunk: max(1, 4096 / area)) { a, b in
            for p in a..<b {
                let v = gp.p[p], src = s.p + p * area, dst = d.p + p * area
                for i in 0..<area { dst[i] = src[i] * v }
            }
        }
        return output
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input, let g = gateValues else { preconditionFailure("SkipLayerExcitation.backward before forward") }
        precondition(dy.count == x.count, "SkipLayerExcitation.backward: shape \(dy.shape)")
        let planes = x.shape[0] * x.shape[1], area = x.shape[2] * x.shape[3]
        inputGradient.resize(x.shape)
        gateGradient.resize(g.shape)
        let xs = SharedPointer(x.data), gs = SharedPointer(dy.data), dx = SharedPointer(inputGradient.data)
        let gv = SharedPointer(g.data), dg = SharedPointer(gateGradient.data)
        Compute.parallel(planes, minChunk: max(1, 4096 / area)) { a, b in
            for p in a..<b {
                let v = gv.p[p], xp = xs.p + p * area, gp = gs.p + p * area, dp = dx.p + p * area
                var acc: Double = 0
                for i in 0..<area { dp[i] = gp[i] * v; acc += Double(gp[i] * xp[i]) }
                dg.p[p] = Float(acc)
            }
        }
        source.addGradient(gate.backward(gateGradient))
        return inputGradient
    }
}
