/// The R1 gradient penalty on real images (Mescheder et al. 2018), applied
/// lazily as in StyleGAN2 (Karras et al. 2020): `γ/2 · mean_i ‖∇ₓᵢ Σⱼ D(x)ⱼ‖²`,
/// evaluated every ``interval`` discriminator steps with its gradient
/// multiplied by ``interval``.
///
/// The penalty's gradient with respect to D's weights is a second derivative,
/// `(∂²S/∂θ∂x)·v` with S = Σ D(x) and v = ∇ₓS. It is computed exactly by
/// forward-over-reverse differentiation: one extra backward pass of S gives v
/// (and every layer's upstream gradient), then the ``TangentLayer`` passes
/// differentiate D's forward and backward along `(γ·interval/N)·v`; the
/// parameter gradients' tangents are the penalty's gradient. Cost: about one
/// forward and two backward passes of D per application, on the batch the
/// real pass already ran (no extra forward, so BatchNorm's running statistics
/// are untouched). x is D's input, i.e. the real batch after DiffAugment.
///
/// Needs a discriminator built of ``TangentLayer``s with piecewise-linear
/// activations (``GANArchitecture/dcgan``'s).
public final class R1Penalty: @unchecked Sendable {
    /// γ (StyleGAN2-ADA's heuristic: 0.0002 · size² / batch).
    public let gamma: Float
    /// Discriminator steps between applications (StyleGAN2: 16).
    public let interval: Int
    private let layers: [any TangentLayer]
    private let ones = Tensor(shape: [0])
    private let zeros = Tensor(shape: [0])
    private let direction = Tensor(shape: [0])

    /// Nil when a layer of `network` has no exact tangents (FastGAN's branches, tanh).
    public init?(network: Sequential, gamma: Float, interval: Int) {
        precondition(gamma > 0 && interval > 0, "R1Penalty: gamma and interval must be positive")
        var layers: [any TangentLayer] = []
        for layer in network.layers {
            guard let t = layer as? any TangentLayer else { return nil }
            if let a = t as? ActivationLayer, !a.isPiecewiseLinear { return nil }
            if let b = t as? BatchNorm, b.activation == .tanh || b.activation == .sigmoid { return nil }
            layers.append(t)
        }
        self.gamma = gamma
        self.interval = interval
        self.layers = layers
    }

    /// Whether the D step of iteration `step` (0-based) applies the penalty.
    public func isDue(step: Int) -> Bool { step % interval == 0 }

    /// Adds `interval · ∂R1/∂θ` to D's parameter gradients and returns
    /// R1 = γ/2 · mean ‖∇ₓD‖² (without the interval factor).
    ///
    /// Call right after the training forward (and the loss's backward) of D on
    /// the real batch, before any other pass of D; `batch` is that pass's N.
    /// Leaves parameter-gradient accumulation on and the first layer's input
    /// gradient as it was.
    @discardableResult
    public func accumulate(into network: Sequential, batch: Int) -> Double {
        let needsInput = network.needsInputGradient
        // 1. v = ∇ₓ Σ D(x), keeping every layer's upstream gradient (layer-owned, untouched by the tangent passes).
        network.setComputesParameterGradients(false)
        network.needsInputGradient = true
        ones.resize([batch, 1]); ones.fill(1)
        var upstream: [Tensor] = []
        upstream.reserveCapacity(layers.count)
        var g = ones
        for layer in layers.reversed() {
            upstream.append(g)
            g = layer.backward(g)
        }
        upstream.reverse()
        let squares = sumOfSquares(g)
        let penalty = Double(gamma) / 2 * squares / Double(batch)
        // 2. Differentiate forward and backward along (γ·interval/N)·v.
        direction.resize(g.shape)
        let scale = gamma * Float(interval) / Float(batch)
        for i in 0..<g.count { direction.data[i] = scale * g.data[i] }
        network.setComputesParameterGradients(true)
        network.needsInputGradient = false
        var t = direction
        for layer in layers { t = layer.tangentForward(t) }
        zeros.resize(ones.shape); zeros.zero()
        var dg = zeros
        for (i, layer) in layers.enumerated().reversed() { dg = layer.tangentBackward(gradient: upstream[i], tangent: dg) }
        network.needsInputGradient = needsInput
        return penalty
    }

    private func sumOfSquares(_ t: Tensor) -> Double {
        var s = 0.0
        for i in 0..<t.count { let v = Double(t.data[i]); s += v * v }
        return s
    }
}
