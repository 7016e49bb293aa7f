/// Exponential moving average of a model's weights (used for G: samples and
/// `dman generate` read the averaged copy, training keeps updating the live one).
///
/// After each optimiser step, ``update(from:)`` applies, per element,
///
///     ema = decay * ema + (1 - decay) * w
///
/// With `warmUp` on, the decay used at update `t` (0-based) is
/// `min(decay, (1 + t) / (10 + t))`, TensorFlow's `ExponentialMovingAverage`
/// `num_updates` variant: early averages follow the weights closely instead of
/// remembering the random initialisation for ~1/(1-decay) steps. Off by default,
/// so `--ema 0.999` means exactly the formula above.
///
///     var ema = WeightEMA(copying: generator.parameterArrays, decay: 0.999)
///     // after every G optimiser step:
///     ema.update(from: generator.parameterArrays)
///     // for samples/checkpoints: ema.shadows[i] has parameter i's average.
public struct WeightEMA: Sendable, Codable, Equatable {
    /// The configured decay (for example 0.999).
    public var decay: Float
    /// Whether the `(1 + t) / (10 + t)` warm-up caps the decay.
    public var warmUp: Bool
    /// Number of updates applied so far (saved in checkpoints).
    public var updates: Int
    /// The averaged copy of each parameter buffer, in the order given at init.
    public var shadows: [[Float]]

    /// Starts the average at a copy of `parameters` (the usual choice: the
    /// initial weights).
    public init(copying parameters: [[Float]], decay: Float, warmUp: Bool = false) {
        precondition(decay >= 0 && decay < 1, "EMA decay must be in [0, 1)")
        self.decay = decay
        self.warmUp = warmUp
        self.updates = 0
        self.shadows = parameters
    }

    /// The decay the next ``update(from:)`` will use.
    public var currentDecay: Float {
        guard warmUp else { return decay }
        return min(decay, Float(1 + updates) / Float(10 + updates))
    }

    /// Folds the current weights into the average (one buffer per parameter,
    /// same order and sizes as at init). No allocation.
    public mutating func update(from parameters: [UnsafeBufferPointer<Float>]) {
        precondition(parameters.count == shadows.count, "EMA: \(parameters.count) buffers, expected \(shadows.count)")
        let d = currentDecay, keep = 1 - d
        for k in 0..<shadows.count {
            let w = parameters[k]
            precondition(w.count == shadows[k].count, "EMA: buffer \(k) changed size")
            shadows[k].withUnsafeMutableBufferPointer { e in
                for i in 0..<e.count { e[i] = d * e[i] + keep * w[i] }
            }
        }
        updates += 1
    }

    /// ``update(from:)`` with arrays.
    public mutating func update(from parameters: [[Float]]) {
        precondition(parameters.count == shadows.count, "EMA: \(parameters.count) buffers, expected \(shadows.count)")
        let d = currentDecay, keep = 1 - d
        for k in 0..<shadows.count {
            precondition(parameters[k].count == shadows[k].count, "EMA: buffer \(k) changed size")
            parameters[k].withUnsafeBufferPointer { w in
                shadows[k].withUnsafeMutableBufferPointer { e in
                    for i in 0..<e.count { e[i] = d * e[i] + keep * w[i] }
                }
            }
        }
        updates += 1
    }

    /// Copies the averages into live buffers (e.g. a sampling copy of G).
    public func copy(into destinations: [UnsafeMutableBufferPointer<Float>]) {
        precondition(destinations.count == shadows.count)
        for k in 0..<shadows.count {
            precondition(destinations[k].count == shadows[k].count)
            _ = destinations[k].update(fromContentsOf: shadows[k])
        }
    }
}
