/// The layer lists of ``GANArchitecture/fastgan``'s two networks.
///
/// Generator, for `S = log2(size/4)` stages and DCGAN's widths `C_i =
/// gf·2^(S−1−i)` at `4·2^i` px: z → `g_h0_lin` → view `[C_0, N, 4, 4]` →
/// `g_bn0` + ReLU → for each stage i < S: a 5×5 stride-2 transposed conv
/// `g_hi` (DCGAN's; or upsample ×2 + conv 3×3, FastGAN's, with
/// ``GeneratorUpsampling/nearest``) → `g_bni` + ReLU → from 16 px on, a
/// skip-layer excitation `g_slei` gated by the feature 4× smaller (4 → 16 at
/// 32 px; 4 → 16 and 8 → 32 at 64 px) → the last stage `g_hS` straight to 3
/// channels → tanh, as DCGAN. (A gated full-size feature with a to-RGB conv,
/// as FastGAN has, was tried at 32 px: with 8 channels and a 1×1 to-RGB its
/// G collapsed to one image within 150 iterations, and with more channels its
/// column matrices, `9·C × N·size²` floats, cost more memory than D and G together.)
///
/// Discriminator: carpedm20's (``DCGANDiscriminator``) with a
/// ``ReconstructionBranch`` `d_dec` after the stage whose output is 8×8; its
/// decoder outputs 16 px images (8 px for 16 px images).
enum FastGANLayers {
    static func generator(_ config: DCGANConfig, workspace: Workspace) -> (layers: [any Layer], channelPlan: [Int]) {
        let s = config.stages
        let ch = (0..<s).map { config.generatorWidth << (s - 1 - $0) } + [3]
        let upsampling = config.generatorUpsampling ?? .transposed
        var taps: [Int: FeatureTap] = [:]
        var layers: [any Layer] = [
            Linear(name: "g_h0_lin", inputFeatures: config.zDim, outputFeatures: ch[0] * 16),
            Unflatten(channels: ch[0], height: 4, width: 4),
            BatchNorm(name: "g_bn0", channels: ch[0], activation: .relu),
        ]
        func tapIfSource(_ i: Int) {
            guard i + 2 < s else { return }
            let tap = FeatureTap()
            taps[i] = tap
            layers.append(tap)
        }
        tapIfSource(0)
        for i in 1...s {
            switch upsampling {
            case .nearest:
                layers.append(NearestUpsample2x())
                layers.append(Conv2d(name: "g_h\(i)", inputChannels: ch[i - 1], outputChannels: ch[i], kernelSize: 3,
                                     stride: 1, padding: .explicit(1), workspace: workspace))
            case .transposed:
                layers.append(ConvTranspose2d(name: "g_h\(i)", inputChannels: ch[i - 1], outputChannels: ch[i],
                                              kernelSize: 5, stride: 2, padding: .same, workspace: workspace))
            }
            guard i < s else { break }
            layers.append(BatchNorm(name: "g_bn\(i)", channels: ch[i], activation: .relu))
            if let source = taps[i - 2] {
                layers.append(SkipLayerExcitation(name: "g_sle\(i)", source: source, lowChannels: ch[i - 2],
                                                  channels: ch[i], workspace: workspace))
            }
            tapIfSource(i)
        }
        layers.append(ActivationLayer(.tanh))
        return (layers, ch)
    }

    /// Inserts the reconstruction branch into DCGAN's discriminator `layers`
    /// after the activation of the stage that outputs 8×8.
    static func addReconstruction(to layers: inout [any Layer], config: DCGANConfig, plan: [Int], workspace: Workspace) {
        let stage = config.stages - 2
        precondition(stage >= 0, "FastGAN needs images of at least 16 px")
        // Each stage is a conv followed by one activation layer (leaky ReLU or BatchNorm + leaky ReLU).
        let branch = ReconstructionBranch(name: "d_dec", channels: plan[stage], blocks: min(stage, 1), workspace: workspace)
        layers.insert(branch, at: 2 * stage + 2)
    }

    /// Every layer of `network`, with the layers inside excitation gates and
    /// reconstruction decoders (for weight initialisation).
    static func allLayers(_ network: Sequential) -> [any Layer] {
        network.layers.flatMap { layer -> [any Layer] in
            if let sle = layer as? SkipLayerExcitation { return [layer] + allLayers(sle.gate) }
            if let branch = layer as? ReconstructionBranch { return [layer] + allLayers(branch.decoder) }
            return [layer]
        }
    }
}
