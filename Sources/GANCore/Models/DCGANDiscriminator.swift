/// carpedm20's DCGAN discriminator, for any power-of-two image size.
///
/// Images `[3, N, size, size]` → `d_h0_conv` (Conv2d 5×5, stride 2, "SAME",
/// df channels) + leaky ReLU 0.2 (no BatchNorm) → for each further stage
/// `d_hi_conv` + `d_bni` + leaky ReLU, doubling channels down to 4×4 →
/// flatten (PyTorch `flatten(1)` order) → `d_hS_lin` to one logit `[N, 1]`.
///
/// Conv weights start as truncated N(0, 0.02) (within 2σ), the Linear as
/// N(0, 0.02), biases 0, BatchNorm γ = 1, β = 0, as carpedm20's `ops.py`.
/// With ``GANArchitecture/fastgan`` a ``ReconstructionBranch`` (`d_dec…`)
/// follows the stage whose output is 8×8.
public final class DCGANDiscriminator: @unchecked Sendable {
    public let config: DCGANConfig
    public let network: Sequential
    /// Channel counts of the conv stages (first is df).
    public let channelPlan: [Int]
    /// The self-supervised decoder of ``GANArchitecture/fastgan``; nil for DCGAN.
    public let reconstruction: ReconstructionBranch?

    public init(config: DCGANConfig, workspace: Workspace) {
        self.config = config
        let s = config.stages
        let plan = (0..<s).map { config.discriminatorWidth << $0 }
        channelPlan = plan
        var layers: [any Layer] = []
        var inC = 3
        for i in 0..<s {
            layers.append(Conv2d(name: "d_h\(i)_conv", inputChannels: inC, outputChannels: plan[i],
                                 kernelSize: 5, stride: 2, padding: .same, workspace: workspace))
            if i == 0 {
                layers.append(ActivationLayer(.leakyReLU(0.2)))
            } else {
                layers.append(BatchNorm(name: "d_bn\(i)", channels: plan[i], activation: .leakyReLU(0.2)))
            }
            inC = plan[i]
        }
        if config.resolvedArchitecture == .fastgan {
            FastGANLayers.addReconstruction(to: &layers, config: config, plan: plan, workspace: workspace)
        }
        layers.append(Flatten())
        layers.append(Linear(name: "d_h\(s)_lin", inputFeatures: inC * 16, outputFeatures: 1))
        network = Sequential(layers)
        reconstruction = layers.lazy.compactMap { $0 as? ReconstructionBranch }.first
    }

    /// Draws the initial weights from `seed`.
    public func initialize(seed: UInt64) {
        for layer in FastGANLayers.allLayers(network) {
            if let c = layer as? Conv2d {
                Initialization.fillNormal(c.weight.value, std: 0.02, truncated: true, seed: seed, name: c.weight.name)
            } else if let l = layer as? Linear {
                Initialization.fillNormal(l.weight.value, std: 0.02, truncated: false, seed: seed, name: l.weight.name)
            }
        }
    }

    /// Logits `[N, 1]` for images `[3, N, size, size]`.
    public func forward(_ images: Tensor, training: Bool) -> Tensor {
        network.forward(images, training: training)
    }
}
