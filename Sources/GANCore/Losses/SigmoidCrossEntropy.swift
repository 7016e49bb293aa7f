import Foundation

/// Sigmoid cross-entropy on logits, averaged over the batch (TensorFlow's
/// `sigmoid_cross_entropy_with_logits` + `reduce_mean`, PyTorch's
/// `BCEWithLogitsLoss`).
///
/// Per element `max(x, 0) − x·z + log(1 + e^(−|x|))`, which never overflows;
/// the gradient is `(σ(x) − z) / count`.
public enum SigmoidCrossEntropy {
    /// The mean loss of `logits` against the constant `label` (0 or 1, or any
    /// value in between); writes `∂loss/∂logits` into `gradient` when given.
    @discardableResult
    public static func loss(logits: Tensor, label: Float, gradient: Tensor? = nil) -> Double {
        let n = logits.count
        precondition(n > 0, "empty logits")
        gradient?.resize(logits.shape)
        var total = 0.0
        let z = Double(label)
        for i in 0..<n {
            let x = Double(logits[i])
            total += max(x, 0) - x * z + log1p(exp(-abs(x)))
            if let gradient {
                let s = x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
                gradient[i] = Float((s - z) / Double(n))
            }
        }
        return total / Double(n)
    }
}
