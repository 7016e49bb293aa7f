/// `[N, C·H·W]` (PyTorch's `view(N, C, H, W)` order) → channel-major `[C, N, H, W]`.
///
/// Used after the generator's first Linear layer.
public final class Unflatten: Layer {
    public let channels: Int
    public let height: Int
    public let width: Int
    public var needsInputGradient = true
    public var computesParameterGradients = true
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    public var parameters: [Parameter] { [] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let plane = height * width, features = channels * plane
        precondition(x.count % features == 0, "Unflatten: \(x.shape) is not [N, \(features)]")
        let n = x.count / features
        output.resize([channels, n, height, width])
        transposeBlocks(x.data, to: output.data, outer: n, inner: channels, block: plane)
        return output
    }

    public func backward(_ dy: Tensor) -> Tensor {
        let plane = height * width
        let n = dy.count / (channels * plane)
        inputGradient.resize([n, channels * plane])
        transposeBlocks(dy.data, to: inputGradient.data, outer: channels, inner: n, block: plane)
        return inputGradient
    }
}

/// Channel-major `[C, N, H, W]` → `[N, C·H·W]` (PyTorch's `flatten(1)` order).
///
/// Used before the discriminator's last Linear layer.
public final class Flatten: Layer {
    public var needsInputGradient = true
    public var computesParameterGradients = true
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    var inputShape: [Int] = []
    /// Forward-over-reverse buffers (``TangentLayer``), empty unless R1 is on.
    let tangentOutput = Tensor(shape: [0]), tangentInputGradient = Tensor(shape: [0])

    public init() {}

    public var parameters: [Parameter] { [] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.shape.count == 4, "Flatten expects [C, N, H, W], got \(x.shape)")
        inputShape = x.shape
        let c = x.shape[0], n = x.shape[1], plane = x.shape[2] * x.shape[3]
        output.resize([n, c * plane])
        transposeBlocks(x.data, to: output.data, outer: c, inner: n, block: plane)
        return output
    }

    public func backward(_ dy: Tensor) -> Tensor {
        let c = inputShape[0], n = inputShape[1], plane = inputShape[2] * inputShape[3]
        inputGradient.resize(inputShape)
        transposeBlocks(dy.data, to: inputGradient.data, outer: n, inner: c, block: plane)
        return inputGradient
    }
}

/// Treats `src` as `[outer, inner, block]` and writes `[inner, outer, block]`.
func transposeBlocks(_ src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, outer: Int, inner: Int, block: Int) {
    let s = SharedPointer(UnsafeMutablePointer(mutating: src)), d = SharedPointer(dst)
    Compute.parallel(inner, minChunk: 16) { a, b in
        for i in a..<b {
            for o in 0..<outer {
                (d.p + (i * outer + o) * block).update(from: s.p + (o * inner + i) * block, count: block)
            }
        }
    }
}
