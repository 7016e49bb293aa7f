/// A piecewise-linear activation multiplies by a mask m (1 or the slope, read
/// from the output's sign) that does not move under a small perturbation:
/// `dy = m·dx` and the input gradient's tangent is `m·dg`.
extension ActivationLayer: TangentLayer {
    /// Whether the tangents are exact (identity, ReLU, leaky ReLU); ``R1Penalty`` refuses the others.
    public var isPiecewiseLinear: Bool {
        switch activation { case .identity, .relu, .leakyReLU: return true; default: return false }
    }

    public func tangentForward(_ dx: Tensor) -> Tensor {
        precondition(dx.count == output.count, "ActivationLayer.tangentForward: shape \(dx.shape)")
        return masked(dx, into: tangentOutput)
    }

    public func tangentBackward(gradient dy: Tensor, tangent ddy: Tensor) -> Tensor {
        precondition(ddy.count == output.count, "ActivationLayer.tangentBackward: shape \(ddy.shape)")
        return masked(ddy, into: tangentInputGradient)
    }

    private func masked(_ t: Tensor, into result: Tensor) -> Tensor {
        precondition(isPiecewiseLinear, "ActivationLayer tangents need a piecewise-linear activation")
        result.resize(output.shape)
        let y = SharedPointer(output.data), s = SharedPointer(t.data), d = SharedPointer(result.data), f = activation
        Compute.parallel(t.count, minChunk: 1 << 15) { a, b in
            for i in a..<b { d.p[i] = s.p[i] * f.derivative(output: y.p[i]) }
        }
        return result
    }
}
