/// Batch normalisation over channel-major `[C, N, H, W]` (or `[C, L]`), with an
/// optional fused activation.
///
/// Training uses the batch's mean and biased variance and updates the running
/// statistics as PyTorch does: `running = (1 − momentum)·running + momentum·batch`
/// with the unbiased variance (PyTorch's momentum 0.1 is TensorFlow's decay
/// 0.9, carpedm20's setting); inference uses the running statistics.
/// `y = act(γ·(x − μ)/√(σ² + ε) + β)`; parameters `weight` (γ, init 1) and
/// `bias` (β, init 0), buffers `running_mean`, `running_var`,
/// `num_batches_tracked`. The activation must be identity, ReLU or leaky
/// ReLU (its derivative is read from the output's sign).
///
/// Each channel is one contiguous slab, handled by one worker: two passes
/// forward, two passes backward.
public final class BatchNorm: Layer {
    public let channels: Int
    public let epsilon: Float
    /// Weight of each new batch in the running statistics (see
    /// ``GeneratorEMA`` for a caller that changes it to average exactly).
    public var momentum: Float
    public let activation: Activation
    public let weight: Parameter
    public let bias: Parameter
    public let runningMean: Tensor
    public let runningVar: Tensor
    /// Training batches seen (PyTorch's `num_batches_tracked`).
    public let batchesTracked = Tensor(shape: [1])
    public var needsInputGradient = true
    public var computesParameterGradients = true

    let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    let mean: Tensor
    let invStd: Tensor
    var input: Tensor?
    /// Forward-over-reverse buffers (``TangentLayer``): the tangent of x̂ and
    /// of the output, and the input gradient's tangent; empty unless R1 is on.
    let tangentNormalized = Tensor(shape: [0]), tangentOutput = Tensor(shape: [0]), tangentInputGradient = Tensor(shape: [0])
    /// Per channel, the tangent of σ = √(var + ε) in the last ``tangentForward(_:)``.
    let tangentSigma = Tensor(shape: [0])

    public init(name: String, channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.1, activation: Activation = .identity) {
        precondition(activation != .tanh, "BatchNorm fuses only identity, ReLU and leaky ReLU")
        self.channels = channels
        self.epsilon = epsilon
        self.momentum = momentum
        self.activation = activation
        weight = Parameter(name: "\(name).weight", shape: [channels])
        bias = Parameter(name: "\(name).bias", shape: [channels])
        weight.value.fill(1)
        runningMean = Tensor(shape: [channels])
        runningVar = Tensor(shape: [channels])
        runningVar.fill(1)
        mean = Tensor(shape: [channels])
        invStd = Tensor(shape: [channels])
        prefix = name
    }

    private let prefix: String

    public var parameters: [Parameter] { [weight, bias] }

    public var buffers: [(name: String, tensor: Tensor)] {
        [("\(prefix).running_mean", runningMean), ("\(prefix).running_var", runningVar),
         ("\(prefix).num_batches_tracked", batchesTracked)]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.shape.first == channels && x.count % channels == 0, "BatchNorm expects [\(channels), …], got \(x.shape)")
        let length = x.count / channels
        input = x
        output.resize(x.shape)
        let xs = SharedPointer(x.data), ys = SharedPointer(output.data)
        let g = SharedPointer(weight.value.data), b = SharedPointer(bias.value.data)
        let mu = SharedPointer(mean.data), inv = SharedPointer(invStd.data)
        let rm = SharedPointer(runningMean.data), rv = SharedPointer(runningVar.data)
        let eps = Double(epsilon), mom = momentum, act = activation
        if training { batchesTracked[0] += 1 }
        Compute.parallel(channels) { start, end in
            for c in start..<end {
                let src = xs.p + c * length, dst = ys.p + c * length
                let scale: Float, shift: Float
                if training {
                    let m = sumDouble(src, length) / Double(length)
                    var v = 0.0
                    let mf = Float(m)
                    var acc = SIMD8<Float>(), i = 0
                    while i + 8 <= length {
                        let d = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Float>.self) - SIMD8(repeating: mf)
                        acc += d * d
                        i += 8
                        if i & 4095 == 0 { v += Double(acc.sum()); acc = SIMD8() }
                    }
                    v += Double(acc.sum())
                    while i < length { let d = Double(src[i]) - m; v += d * d; i += 1 }
                    let variance = v / Double(length)
                    let invStd = 1 / (variance + eps).squareRoot()
                    mu.p[c] = mf
                    inv.p[c] = Float(invStd)
                    scale = Float(Double(g.p[c]) * invStd)
                    shift = Float(Double(b.p[c]) - m * Double(g.p[c]) * invStd)
                    let unbiased = length > 1 ? variance * Double(length) / Double(length - 1) : variance
                    rm.p[c] = (1 - mom) * rm.p[c] + mom * mf
                    rv.p[c] = (1 - mom) * rv.p[c] + mom * Float(unbiased)
                } else {
                    let invStd = 1 / (Double(rv.p[c]) + eps).squareRoot()
                    scale = Float(Double(g.p[c]) * invStd)
                    shift = Float(Double(b.p[c]) - Double(rm.p[c]) * Double(g.p[c]) * invStd)
                }
                switch act {
                case .relu: for i in 0..<length { let v = src[i] * scale + shift; dst[i] = v > 0 ? v : 0 }
                case .leakyReLU(let k): for i in 0..<length { let v = src[i] * scale + shift; dst[i] = v > 0 ? v : k * v }
                default: for i in 0..<length { dst[i] = src[i] * scale + shift }
                }
            }
        }
        return output
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("BatchNorm.backward before forward") }
        precondition(dy.count == x.count, "BatchNorm.backward: shape \(dy.shape)")
        let length = x.count / channels
        inputGradient.resize(x.shape)
        let xs = SharedPointer(x.data), ys = SharedPointer(output.data), gs = SharedPointer(dy.data)
        let dx = SharedPointer(inputGradient.data)
        let gam = SharedPointer(weight.value.data), dgam = SharedPointer(weight.gradient.data), dbet = SharedPointer(bias.gradient.data)
        let mu = SharedPointer(mean.data), inv = SharedPointer(invStd.data)
        let act = activation, params = computesParameterGradients, needDX = needsInputGradient
        let slope: Float
        switch act { case .leakyReLU(let k): slope = k; case .relu: slope = 0; default: slope = 1 }
        Compute.parallel(channels) { start, end in
            for c in start..<end {
                let xp = xs.p + c * length, yp = ys.p + c * length, gp = gs.p + c * length, dp = dx.p + c * length
                let m = mu.p[c], s = inv.p[c]
                // dz = dy · act'(y); sums of dz and dz·(x − μ).
                var s1 = 0.0, s2 = 0.0
                var a1: Float = 0, a2: Float = 0
                for i in 0..<length {
                    let dz = yp[i] > 0 ? gp[i] : slope * gp[i]
                    a1 += dz
                    a2 += dz * (xp[i] - m)
                    if i & 1023 == 1023 { s1 += Double(a1); s2 += Double(a2); a1 = 0; a2 = 0 }
                }
                s1 += Double(a1); s2 += Double(a2)
                let sumDzXhat = s2 * Double(s)
                if params {
                    dgam.p[c] += Float(sumDzXhat)
                    dbet.p[c] += Float(s1)
                }
                if needDX {
                    let n = Double(length)
                    let a = Float(Double(gam.p[c]) * Double(s))
                    let meanDz = Float(s1 / n)
                    let k = Float(sumDzXhat * Double(s) / n)  // multiplies (x − μ)
                    for i in 0..<length {
                        let dz = yp[i] > 0 ? gp[i] : slope * gp[i]
                        dp[i] = a * (dz - meanDz - (xp[i] - m) * k)
                    }
                }
            }
        }
        return inputGradient
    }
}
