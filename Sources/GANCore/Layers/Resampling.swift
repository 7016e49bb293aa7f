/// Nearest-neighbour upsampling by 2 of a channel-major `[C, N, H, W]` batch
/// (PyTorch `nn.Upsample(scale_factor=2, mode="nearest")`).
///
/// Output pixel `(y, x)` copies input pixel `(y/2, x/2)`; the backward pass
/// sums the gradients of the four copies. FastGAN's generator and its
/// discriminator's decoders put a 3×3 convolution after it.
public final class NearestUpsample2x: Layer {
    public var needsInputGradient = true
    public var computesParameterGradients = true
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var inputShape: [Int] = []

    public init() {}

    public var parameters: [Parameter] { [] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.shape.count == 4, "NearestUpsample2x expects [C, N, H, W], got \(x.shape)")
        inputShape = x.shape
        let planes = x.shape[0] * x.shape[1], h = x.shape[2], w = x.shape[3]
        output.resize([x.shape[0], x.shape[1], 2 * h, 2 * w])
        let s = SharedPointer(x.data), d = SharedPointer(output.data)
        Compute.parallel(planes, minChunk: max(1, 4096 / (h * w))) { a, b in
            for p in a..<b {
                let src = s.p + p * h * w, dst = d.p + p * 4 * h * w
                for y in 0..<h {
                    let row = dst + 2 * y * 2 * w
                    for x in 0..<w { let v = src[y * w + x]; row[2 * x] = v; row[2 * x + 1] = v }
                    (row + 2 * w).update(from: row, count: 2 * w)
                }
            }
        }
        return output
    }

    public func backward(_ dy: Tensor) -> Tensor {
        precondition(dy.count == output.count, "NearestUpsample2x.backward: shape \(dy.shape)")
        inputGradient.resize(inputShape)
        let planes = inputShape[0] * inputShape[1], h = inputShape[2], w = inputShape[3]
        let g = SharedPointer(dy.data), d = SharedPointer(inputGradient.data)
        Compute.parallel(planes, minChunk: max(1, 4096 / (h * w))) { a, b in
            for p in a..<b {
                let src = g.p + p * 4 * h * w, dst = d.p + p * h * w
                for y in 0..<h {
                    let r0 = src + 2 * y * 2 * w, r1 = r0 + 2 * w
                    for x in 0..<w { dst[y * w + x] = r0[2 * x] + r0[2 * x + 1] + r1[2 * x] + r1[2 * x + 1] }
                }
            }
        }
        return inputGradient
    }
}

/// Average pooling of a channel-major `[C, N, H, W]` batch down to
/// `outputSize × outputSize` (PyTorch `nn.AdaptiveAvgPool2d(outputSize)` when
/// `outputSize` divides H and W, the only case allowed).
///
/// Output pixel `(y, x)` is the mean of the `k×k` block at `(k·y, k·x)`, with
/// `k = H / outputSize`; the backward pass spreads each gradient as `1/k²`
/// over its block. Also resizes images for ``ReconstructionBranch``'s target.
public final class AdaptiveAveragePool: Layer {
    public let outputSize: Int
    public var needsInputGradient = true
    public var computesParameterGradients = true
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    private var inputShape: [Int] = []

    public init(outputSize: Int) {
        precondition(outputSize > 0)
        self.outputSize = outputSize
    }

    public var parameters: [Parameter] { [] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        Self.pool(x, to: outputSize, into: output)
        inputShape = x.shape
        return output
    }

    /// Writes the `size × size` average pooling of `x` into `out` (resized).
    public static func pool(_ x: Tensor, to size: Int, into out: Tensor) {
        precondition(x.shape.count == 4 && x.shape[2] % size == 0 && x.shape[3] % size == 0,
                     "AdaptiveAveragePool: \(x.shape) does not divide into \(size)×\(size)")
        let planes = x.shape[0] * x.shape[1], h = x.shape[2], w = x.shape[3]
        let ky = h / size, kx = w / size, scale = 1 / Float(ky * kx)
        out.resize([x.shape[0], x.shape[1], size, size])
        let s = SharedPointer(x.data), d = SharedPointer(out.data)
        Compute.parallel(planes, minChunk: max(1, 4096 / (h * w))) { a, b in
            for p in a..<b {
                let src = s.p + p * h * w, dst = d.p + p * size * size
                for oy in 0..<size {
                    for ox in 0..<size {
                        var acc: Float = 0
                        for y in oy * ky..<(oy + 1) * ky { for x in ox * kx..<(ox + 1) * kx { acc += src[y * w + x] } }
                        dst[oy * size + ox] = acc * scale
                    }
                }
            }
        }
    }

    public func backward(_ dy: Tensor) -> Tensor {
        precondition(dy.count == output.count, "AdaptiveAveragePool.backward: shape \(dy.shape)")
        inputGradient.resize(inputShape)
        let size = outputSize, planes = inputShape[0] * inputShape[1], h = inputShape[2], w = inputShape[3]
        let ky = h / size, kx = w / size, scale = 1 / Float(ky * kx)
        let g = SharedPointer(dy.data), d = SharedPointer(inputGradient.data)
        Compute.parallel(planes, minChunk: max(1, 4096 / (h * w))) { a, b in
            for p in a..<b {
                let src = g.p + p * size * size, dst = d.p + p * h * w
                for y in 0..<h { for x in 0..<w { dst[y * w + x] = src[(y / ky) * size + x / kx] * scale } }
            }
        }
        return inputGradient
    }
}
