/// `y = x·Wᵀ + b`: `dy = dx·Wᵀ`; the gradients' tangents are
/// `∂W: dgᵀ·x + gᵀ·dx`, `∂b: Σdg`, `∂x: dg·W`.
extension Linear: TangentLayer {
    public func tangentForward(_ dx: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("Linear.tangentForward before forward") }
        precondition(dx.count == x.count, "Linear.tangentForward: shape \(dx.shape)")
        let n = x.count / inputFeatures
        tangentInput = dx
        tangentOutput.resize([n, outputFeatures])
        GEMM.multiply(transB: true, m: n, n: outputFeatures, k: inputFeatures, a: dx.data, lda: inputFeatures,
                      b: weight.value.data, ldb: inputFeatures, c: tangentOutput.data, ldc: outputFeatures)
        return tangentOutput
    }

    public func tangentBackward(gradient dy: Tensor, tangent ddy: Tensor) -> Tensor {
        guard let x = input, let dx = tangentInput else { preconditionFailure("Linear.tangentBackward before tangentForward") }
        let n = x.count / inputFeatures
        precondition(dy.count == n * outputFeatures && ddy.count == dy.count, "Linear.tangentBackward: shape \(ddy.shape)")
        if computesParameterGradients {  // the term from the input's own tangent
            GEMM.multiply(transA: true, m: outputFeatures, n: inputFeatures, k: n, a: dy.data, lda: outputFeatures,
                          b: dx.data, ldb: inputFeatures, beta: 1, c: weight.gradient.data, ldc: inputFeatures)
        }
        return backpropagate(ddy, into: tangentInputGradient)
    }
}
