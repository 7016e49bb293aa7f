import Foundation

/// Adam exactly as TensorFlow 1's `AdamOptimizer` (carpedm20's optimiser).
///
/// With step `t` counted from 1:
///
///     lr_t = lr · √(1 − β2^t) / (1 − β1^t)
///     m ← m + (g − m)·(1 − β1)
///     v ← v + (g² − v)·(1 − β2)
///     θ ← θ − lr_t · m / (√v + ε)
///
/// ε is added after the square root of the *uncorrected* `v` (unlike
/// PyTorch's `torch.optim.Adam`, which adds it to `√v̂`). One instance
/// optimises one network; its moments are named `<parameter>.exp_avg` and
/// `<parameter>.exp_avg_sq` in checkpoints.
public final class Adam: @unchecked Sendable {
    public let learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// Updates applied so far (`t` of the last update).
    public var step: Int = 0
    public let parameters: [Parameter]
    /// First moments, one per parameter (same order).
    public let firstMoments: [Tensor]
    /// Second moments, one per parameter (same order).
    public let secondMoments: [Tensor]

    public init(parameters: [Parameter], learningRate: Float = 2e-4, beta1: Float = 0.5,
                beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { Tensor(shape: $0.value.shape) }
        secondMoments = parameters.map { Tensor(shape: $0.value.shape) }
    }

    /// The bias-corrected step size for update number `t` (from 1).
    public func stepSize(at t: Int) -> Float {
        let b1 = Double(beta1), b2 = Double(beta2)
        return Float(Double(learningRate) * (1 - pow(b2, Double(t))).squareRoot() / (1 - pow(b1, Double(t))))
    }

    /// Applies one update from the accumulated gradients (does not clear them).
    public func update() {
        step += 1
        let lrT = stepSize(at: step)
        let c1 = 1 - beta1, c2 = 1 - beta2, eps = epsilon
        for (i, p) in parameters.enumerated() {
            let w = SharedPointer(p.value.data), g = SharedPointer(p.gradient.data)
            let m = SharedPointer(firstMoments[i].data), v = SharedPointer(secondMoments[i].data)
            Compute.parallel(p.value.count, minChunk: 1 << 14) { a, b in
                for j in a..<b {
                    let gj = g.p[j]
                    let mj = m.p[j] + (gj - m.p[j]) * c1
                    let vj = v.p[j] + (gj * gj - v.p[j]) * c2
                    m.p[j] = mj
                    v.p[j] = vj
                    w.p[j] -= lrT * mj / (vj.squareRoot() + eps)
                }
            }
        }
    }
}
