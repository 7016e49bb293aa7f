/// carpedm20's DCGAN generator, for any power-of-two image size.
///
/// z `[N, zDim]` → `g_h0_lin` (Linear to 4·4·C₀) → view `[N, C₀, 4, 4]` →
/// `g_bn0` + ReLU → for each stage `g_hi` (ConvTranspose2d 5×5, stride 2,
/// "SAME") + `g_bni` + ReLU, halving channels → `g_hS` (to 3 channels) → tanh.
/// With `S = log2(size/4)` stages, C₀ = gf·2^(S−1) (64×64: gf·8 → gf·4 →
/// gf·2 → gf → 3). Output images are channel-major `[3, N, size, size]` in [−1, 1].
///
/// Weights start as N(0, 0.02) (Linear, ConvTranspose2d), biases 0, BatchNorm
/// γ = 1, β = 0, as carpedm20's `ops.py`. With ``GANArchitecture/fastgan``
/// the network is ``FastGANLayers``' generator instead (same initialisation,
/// its 3×3 convolutions too).
public final class DCGANGenerator: @unchecked Sendable {
    public let config: DCGANConfig
    public let network: Sequential
    /// Channel counts from the 4×4 layer to the image (last is 3).
    public let channelPlan: [Int]

    public init(config: DCGANConfig, workspace: Workspace) {
        self.config = config
        let s = config.stages
        if config.resolvedArchitecture == .fastgan {
            let (layers, plan) = FastGANLayers.generator(config, workspace: workspace)
            channelPlan = plan
            network = Sequential(layers)
            network.needsInputGradient = false
            return
        }
        var plan: [Int] = (0..<s).map { config.generatorWidth << (s - 1 - $0) }
        plan.append(3)
        channelPlan = plan
        var layers: [any Layer] = [
            Linear(name: "g_h0_lin", inputFeatures: config.zDim, outputFeatures: plan[0] * 16),
            Unflatten(channels: plan[0], height: 4, width: 4),
            BatchNorm(name: "g_bn0", channels: plan[0], activation: .relu),
        ]
        for i in 1...s {
            layers.append(ConvTranspose2d(name: "g_h\(i)", inputChannels: plan[i - 1], outputChannels: plan[i],
                                          kernelSize: 5, stride: 2, padding: .same, workspace: workspace))
            if i < s { layers.append(BatchNorm(name: "g_bn\(i)", channels: plan[i], activation: .relu)) }
        }
        layers.append(ActivationLayer(.tanh))
        network = Sequential(layers)
        network.needsInputGradient = false
    }

    /// Draws the initial weights from `seed`.
    public func initialize(seed: UInt64) {
        for layer in FastGANLayers.allLayers(network) {
            if let l = layer as? Linear {
                Initialization.fillNormal(l.weight.value, std: 0.02, truncated: false, seed: seed, name: l.weight.name)
            } else if let c = layer as? ConvTranspose2d {
                Initialization.fillNormal(c.weight.value, std: 0.02, truncated: false, seed: seed, name: c.weight.name)
            } else if let c = layer as? Conv2d {
                Initialization.fillNormal(c.weight.value, std: 0.02, truncated: false, seed: seed, name: c.weight.name)
            }
        }
    }

    /// Images for latent vectors `z` (`[N, zDim]`); training mode uses batch
    /// statistics, inference mode runs ``inference(_:)``.
    public func forward(_ z: Tensor, training: Bool) -> Tensor {
        training ? network.forward(z, training: true) : inference(z)
    }

    /// Inference-mode images for `z` (`[N, zDim]`), owned by the last layer.
    ///
    /// Each transposed convolution runs its blocked inference pass with the
    /// layer after it (BatchNorm + ReLU with running statistics, or the final
    /// tanh) fused in; the other layers run their own forward. The values are
    /// those of `network.forward(z, training: false)`.
    public func inference(_ z: Tensor) -> Tensor {
        let layers = network.layers
        var h = z, i = 0
        while i < layers.count {
            if let conv = layers[i] as? ConvTranspose2d, i + 1 < layers.count {
                if let bn = layers[i + 1] as? BatchNorm {
                    h = conv.inferenceForward(h, epilogue: bn.inferenceEpilogue)
                    i += 2
                    continue
                }
                if let act = layers[i + 1] as? ActivationLayer {
                    h = conv.inferenceForward(h, epilogue: PlaneEpilogue(activation: act.activation))
                    i += 2
                    continue
                }
            }
            h = layers[i].forward(h, training: false)
            i += 1
        }
        return h
    }

    /// Inference-mode images for `z` (`[N, zDim]`), computed `chunk` at a time
    /// (exact: inference BatchNorm treats images independently), so memory
    /// stays bounded for large N or image sizes. Returns a new `[3, N, S, S]` tensor.
    public func generate(_ z: Tensor, chunk: Int = 32) -> Tensor {
        let n = z.shape[0], zd = config.zDim, s = config.imageSize, area = s * s
        precondition(z.shape == [n, zd], "generate expects [N, \(zd)], got \(z.shape)")
        let out = Tensor(shape: [3, n, s, s])
        let part = Tensor(shape: [0])
        var start = 0
        while start < n {
            let m = min(chunk, n - start)
            part.resize([m, zd])
            part.data.update(from: z.data + start * zd, count: m * zd)
            let images = inference(part)
            for c in 0..<3 {
                (out.data + (c * n + start) * area).update(from: images.data + c * m * area, count: m * area)
            }
            start += m
        }
        return out
    }
}
