/// FastGAN's self-supervised discriminator head (Liu et al., ICLR 2021, §3.2):
/// a small decoder that reconstructs D's real input from an intermediate
/// feature map, trained with plain mean squared error.
///
/// On the main path the branch is the identity. While ``target`` is set (the
/// discriminator's real input batch `[3, N, S, S]`) and the pass is a training
/// pass, the forward pass also decodes the feature `[C, N, h, w]` into images
/// `[3, N, 2^k·h, 2^k·w]`, compares them with the target average-pooled to that
/// size, and keeps `weight · MSE` as ``lastLoss``; the backward pass then
/// returns `dy + ∂(weight · MSE)/∂feature`. Without a target (generated
/// batches, G steps) it passes `dy` through. The decoder's blocks are
/// conv 3×3 → BatchNorm + leaky ReLU 0.2 → upsample ×2, each quartering the
/// channels (at least 8), then conv 3×3 to 3 channels and tanh. (FastGAN
/// upsamples before each convolution; convolving at the lower resolution
/// costs a quarter of the multiply-adds and column memory.)
public final class ReconstructionBranch: Layer {
    public let decoder: Sequential
    /// Multiplier of the MSE (FastGAN: 1).
    public var weight: Float
    /// The real images to reconstruct in the next forward pass; nil = off.
    public var target: Tensor?
    /// `weight · MSE` of the last forward pass that had a target.
    public private(set) var lastLoss: Double?
    public var needsInputGradient = true
    public var computesParameterGradients = true {
        didSet { decoder.setComputesParameterGradients(computesParameterGradients) }
    }
    private var active = false
    private let resizedTarget = Tensor(shape: [0])
    private let decoderGradient = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    /// A decoder from `channels` features with `blocks` upsampling blocks.
    public init(name: String, channels: Int, blocks: Int, weight: Float = 1, workspace: Workspace) {
        self.weight = weight
        var layers: [any Layer] = []
        var c = channels
        for i in 0..<blocks {
            let out = max(c / 4, 8)
            layers.append(Conv2d(name: "\(name)\(i)", inputChannels: c, outputChannels: out, kernelSize: 3, stride: 1,
                                 padding: .explicit(1), workspace: workspace))
            layers.append(BatchNorm(name: "\(name)_bn\(i)", channels: out, activation: .leakyReLU(0.2)))
            layers.append(NearestUpsample2x())
            c = out
        }
        layers.append(Conv2d(name: "\(name)_rgb", inputChannels: c, outputChannels: 3, kernelSize: 3, stride: 1,
                             padding: .explicit(1), workspace: workspace))
        layers.append(ActivationLayer(.tanh))
        decoder = Sequential(layers)
    }

    public var parameters: [Parameter] { decoder.parameters }
    public var buffers: [(name: String, tensor: Tensor)] { decoder.layers.flatMap(\.buffers) }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        active = false
        guard let target, training else { return x }
        let y = decoder.forward(x, training: true)
        AdaptiveAveragePool.pool(target, to: y.shape[2], into: resizedTarget)
        precondition(resizedTarget.shape == y.shape, "ReconstructionBranch: target \(target.shape) for output \(y.shape)")
        lastLoss = Double(MeanSquaredError.loss(y, resizedTarget, weight: weight, gradient: decoderGradient))
        active = true
        return x
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard active else { return dy }
        active = false
        let g = decoder.backward(decoderGradient)
        precondition(g.count == dy.count, "ReconstructionBranch.backward: shape \(dy.shape)")
        inputGradient.resize(dy.shape)
        for i in 0..<dy.count { inputGradient.data[i] = dy.data[i] + g.data[i] }
        return inputGradient
    }
}
