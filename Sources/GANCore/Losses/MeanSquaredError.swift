/// Mean squared error, PyTorch's `weight · F.mse_loss(prediction, target)`
/// (mean over every element).
public enum MeanSquaredError {
    /// `weight · mean((prediction − target)²)`; writes its gradient with
    /// respect to `prediction`, `2·weight·(prediction − target)/count`, into `gradient`.
    @discardableResult
    public static func loss(_ prediction: Tensor, _ target: Tensor, weight: Float = 1, gradient: Tensor) -> Float {
        precondition(prediction.count == target.count && prediction.count > 0,
                     "MeanSquaredError: \(prediction.shape) vs \(target.shape)")
        gradient.resize(prediction.shape)
        let n = prediction.count, scale = 2 * weight / Float(n)
        var sum: Double = 0
        for i in 0..<n {
            let d = prediction.data[i] - target.data[i]
            sum += Double(d * d)
            gradient.data[i] = scale * d
        }
        return weight * Float(sum / Double(n))
    }
}
