/// ADA's overfitting heuristic (Karras et al. 2020) driving the probability
/// with which each image gets its DiffAugment draw.
///
/// D's real logits are collected over ``interval`` iterations; then
/// `r_t = E[sign D(x_real)]` moves the probability by
/// `sign(r_t − target) · images / imagesToFull` (clamped to [0, 1]): up when D
/// is confident on reals (overfitting), down otherwise. Karras et al. use
/// target 0.6, interval 4 and 500k images from 0 to 1; dman's runs are a few
/// thousand iterations, so the default ramp is 100k images (1563 iterations
/// at batch 64).
///
///     var ada = AdaptiveAugmentation(target: 0.6)
///     ada.observe(realLogits: logits, batchSize: 64)   // after each D step on reals
///     augment.probability = ada.probability
public struct AdaptiveAugmentation: Sendable, Equatable, Codable {
    /// Target of r_t.
    public var target: Double
    /// Iterations between adjustments.
    public var interval: Int
    /// Images seen for the probability to move from 0 to 1.
    public var imagesToFull: Double
    /// Current probability of augmenting an image.
    public var probability = 0.0
    /// Sum of sign(D(real)) since the last adjustment.
    public var signSum = 0.0
    /// Real logits collected since the last adjustment.
    public var signCount = 0
    /// Iterations observed since the last adjustment.
    public var iterations = 0
    /// r_t of the last adjustment (nil before the first).
    public var lastRt: Double?

    public init(target: Double, interval: Int = 4, imagesToFull: Double = 100_000) {
        self.target = target
        self.interval = interval
        self.imagesToFull = imagesToFull
    }

    /// Adds one iteration's real logits; adjusts the probability every ``interval`` calls.
    public mutating func observe(realLogits: UnsafeBufferPointer<Float>) {
        for v in realLogits { signSum += v > 0 ? 1 : (v < 0 ? -1 : 0) }
        signCount += realLogits.count
        iterations += 1
        guard iterations >= interval, signCount > 0 else { return }
        let rt = signSum / Double(signCount)
        let step = Double(signCount) / imagesToFull
        probability = min(1, max(0, probability + (rt > target ? step : (rt < target ? -step : 0))))
        lastRt = rt
        signSum = 0; signCount = 0; iterations = 0
    }
}
