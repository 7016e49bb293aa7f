/// Hinge loss for GANs (`--loss hinge`; Lim & Ye 2017, Miyato et al. 2018),
/// on D's raw outputs (logits), means over the batch:
///
///     L_D = mean(relu(1 − D(real))) + mean(relu(1 + D(fake)))
///     L_G = −mean(D(fake))
///
/// Each function returns its loss and writes dLoss/dlogit into `gradient`.
/// At the kink (logit exactly ±1) the subgradient 0 is used, as PyTorch's relu.
///
///     let lr = HingeLoss.discriminatorReal(logits: dReal, gradient: gReal)
///     let lf = HingeLoss.discriminatorFake(logits: dFake, gradient: gFake)   // D loss = lr + lf
///     let lg = HingeLoss.generator(logits: dFakeForG, gradient: gG)
public enum HingeLoss {
    /// `mean(relu(1 − x))`; gradient `−1/n` where `x < 1`, else 0.
    public static func discriminatorReal(logits x: UnsafeBufferPointer<Float>,
                                         gradient g: UnsafeMutableBufferPointer<Float>) -> Float {
        precondition(x.count == g.count && x.count > 0)
        let inv = 1 / Float(x.count)
        var loss: Double = 0
        for i in 0..<x.count {
            let m = 1 - x[i]
            if m > 0 { loss += Double(m); g[i] = -inv } else { g[i] = 0 }
        }
        return Float(loss / Double(x.count))
    }

    /// `mean(relu(1 + x))`; gradient `+1/n` where `x > −1`, else 0.
    public static func discriminatorFake(logits x: UnsafeBufferPointer<Float>,
                                         gradient g: UnsafeMutableBufferPointer<Float>) -> Float {
        precondition(x.count == g.count && x.count > 0)
        let inv = 1 / Float(x.count)
        var loss: Double = 0
        for i in 0..<x.count {
            let m = 1 + x[i]
            if m > 0 { loss += Double(m); g[i] = inv } else { g[i] = 0 }
        }
        return Float(loss / Double(x.count))
    }

    /// `−mean(x)`; gradient `−1/n` everywhere.
    public static func generator(logits x: UnsafeBufferPointer<Float>,
                                 gradient g: UnsafeMutableBufferPointer<Float>) -> Float {
        precondition(x.count == g.count && x.count > 0)
        let inv = 1 / Float(x.count)
        var sum: Double = 0
        for i in 0..<x.count { sum += Double(x[i]); g[i] = -inv }
        return Float(-sum / Double(x.count))
    }

    // MARK: - Array conveniences

    /// ``discriminatorReal(logits:gradient:)`` on an array.
    public static func discriminatorReal(_ logits: [Float]) -> (loss: Float, gradient: [Float]) {
        run(logits, discriminatorReal(logits:gradient:))
    }

    /// ``discriminatorFake(logits:gradient:)`` on an array.
    public static func discriminatorFake(_ logits: [Float]) -> (loss: Float, gradient: [Float]) {
        run(logits, discriminatorFake(logits:gradient:))
    }

    /// ``generator(logits:gradient:)`` on an array.
    public static func generator(_ logits: [Float]) -> (loss: Float, gradient: [Float]) {
        run(logits, generator(logits:gradient:))
    }

    private static func run(_ logits: [Float],
                            _ f: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Float)
        -> (loss: Float, gradient: [Float]) {
        var grad = [Float](repeating: 0, count: logits.count)
        let loss = logits.withUnsafeBufferPointer { x in grad.withUnsafeMutableBufferPointer { f(x, $0) } }
        return (loss, grad)
    }
}
