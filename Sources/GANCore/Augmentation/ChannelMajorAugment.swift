import DmanCore

/// DiffAugment on GANCore's channel-major `[3, N, S, S]` tensors.
///
/// ``DiffAugment`` works on NCHW batches; this keeps one NCHW scratch buffer
/// and converts to and from it, so the trainer can augment real batches in
/// place, copy-and-augment generated batches (G's output must stay intact for
/// its backward pass), and map D's input gradient back through the same draw.
public final class ChannelMajorAugment: @unchecked Sendable {
    public let policy: DiffAugmentPolicy
    private var scratch: [Float] = []
    /// The draw of the last ``forward(_:into:rng:)``.
    public private(set) var lastParameters: DiffAugmentParameters?
    /// Probability that an image gets its draw (``AdaptiveAugmentation``); 1 = every image.
    public var probability = 1.0

    public init(policy: DiffAugmentPolicy) { self.policy = policy }

    /// `out ← T(x)` with a fresh draw from `rng` (`out` may be `x`).
    public func forward(_ x: Tensor, into out: Tensor, rng: inout SplitMix64) {
        let shape = Self.shape(of: x)
        var p = lastParameters?.shape == shape ? lastParameters! : DiffAugmentParameters(policy: policy, shape: shape)
        p.resample(using: &rng)
        p.skip(probability: probability, using: &rng)
        toNCHW(x, shape)
        scratch.withUnsafeMutableBufferPointer { DiffAugment.forward($0, shape: shape, parameters: p) }
        if out !== x { out.resize(x.shape) }
        fromNCHW(out, shape)
        lastParameters = p
    }

    /// Turns `grad = dL/dT(x)` into `dL/dx` in place, for the last draw.
    public func backward(_ grad: Tensor) {
        guard let p = lastParameters else { preconditionFailure("backward before forward") }
        let shape = Self.shape(of: grad)
        toNCHW(grad, shape)
        scratch.withUnsafeMutableBufferPointer { DiffAugment.backward($0, shape: shape, parameters: p) }
        fromNCHW(grad, shape)
    }

    static func shape(of t: Tensor) -> ImageBatchShape {
        precondition(t.shape.count == 4, "expected [C, N, H, W], got \(t.shape)")
        return ImageBatchShape(n: t.shape[1], c: t.shape[0], h: t.shape[2], w: t.shape[3])
    }

    private func toNCHW(_ t: Tensor, _ s: ImageBatchShape) {
        if scratch.count != s.count { scratch = [Float](repeating: 0, count: s.count) }
        let area = s.h * s.w
        scratch.withUnsafeMutableBufferPointer { dst in
            for c in 0..<s.c { for b in 0..<s.n {
                (dst.baseAddress! + (b * s.c + c) * area).update(from: t.data + (c * s.n + b) * area, count: area)
            } }
        }
    }

    private func fromNCHW(_ t: Tensor, _ s: ImageBatchShape) {
        let area = s.h * s.w
        scratch.withUnsafeBufferPointer { src in
            for c in 0..<s.c { for b in 0..<s.n {
                (t.data + (c * s.n + b) * area).update(from: src.baseAddress! + (b * s.c + c) * area, count: area)
            } }
        }
    }
}
