/// `y = W·col(x) + b` is linear in x: `dy = W·col(dx)`. Its gradients
/// `∂W = g·col(x)ᵀ`, `∂b = Σg`, `∂x = col2im(Wᵀ·g)` are bilinear, so their
/// tangents are `dg·col(x)ᵀ + g·col(dx)ᵀ`, `Σdg` and `col2im(Wᵀ·dg)`.
extension Conv2d: TangentLayer {
    public func tangentForward(_ dx: Tensor) -> Tensor {
        guard let g = geometry else { preconditionFailure("Conv2d.tangentForward before forward") }
        let columns = batch * g.outHeight * g.outWidth
        precondition(dx.count == inputChannels * batch * g.height * g.width, "Conv2d.tangentForward: shape \(dx.shape)")
        tangentCol.resize([g.rows, columns])
        lowering.plan(g).im2col(batch: batch, image: dx.data, col: tangentCol.data)
        tangentOutput.resize([outputChannels, batch, g.outHeight, g.outWidth])
        GEMM.multiply(m: outputChannels, n: columns, k: g.rows, a: weight.value.data, lda: g.rows,
                      b: tangentCol.data, ldb: columns, c: tangentOutput.data, ldc: columns)
        return tangentOutput
    }

    public func tangentBackward(gradient dy: Tensor, tangent ddy: Tensor) -> Tensor {
        guard let g = geometry else { preconditionFailure("Conv2d.tangentBackward before forward") }
        let columns = batch * g.outHeight * g.outWidth
        precondition(dy.count == outputChannels * columns && ddy.count == dy.count, "Conv2d.tangentBackward: shape \(ddy.shape)")
        precondition(tangentCol.count == g.rows * columns, "Conv2d.tangentBackward before tangentForward")
        if computesParameterGradients {  // the term from the columns' own tangent
            GEMM.multiply(transB: true, m: outputChannels, n: g.rows, k: columns, a: dy.data, lda: columns,
                          b: tangentCol.data, ldb: columns, beta: 1, c: weight.gradient.data, ldc: g.rows)
        }
        return backpropagate(ddy, into: tangentInputGradient)
    }
}
