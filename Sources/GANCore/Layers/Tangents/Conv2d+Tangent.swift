/// `y = W·col(x) + b` is linear in x: `dy = W·col(dx)`. Its gradients
/// `∂W = g·col(x)ᵀ`, `∂b = Σg`, `∂x = col2im(Wᵀ·g)` are bilinear, so their
/// tangents are `dg·col(x)ᵀ + g·col(dx)ᵀ`, `Σdg` and `col2im(Wᵀ·dg)`.
///
/// `col(dx)` is lowered into the shared ``Workspace`` twice (forward and
/// backward) instead of being kept: a kept copy would double the layer's
/// largest buffer (≈ 200 MB more for D at 64 px, width 64).
extension Conv2d: TangentLayer {
    public func tangentForward(_ dx: Tensor) -> Tensor {
        guard let g = geometry else { preconditionFailure("Conv2d.tangentForward before forward") }
        let columns = batch * g.outHeight * g.outWidth
        precondition(dx.count == inputChannels * batch * g.height * g.width, "Conv2d.tangentForward: shape \(dx.shape)")
        tangentInput = dx
        let dcol = workspace.buffer(g.rows * columns)
        lowering.plan(g).im2col(batch: batch, image: dx.data, col: dcol)
        tangentOutput.resize([outputChannels, batch, g.outHeight, g.outWidth])
        GEMM.multiply(m: outputChannels, n: columns, k: g.rows, a: weight.value.data, lda: g.rows,
                      b: dcol, ldb: columns, c: tangentOutput.data, ldc: columns)
        return tangentOutput
    }

    public func tangentBackward(gradient dy: Tensor, tangent ddy: Tensor) -> Tensor {
        guard let g = geometry, let dx = tangentInput else { preconditionFailure("Conv2d.tangentBackward before tangentForward") }
        let columns = batch * g.outHeight * g.outWidth
        precondition(dy.count == outputChannels * columns && ddy.count == dy.count, "Conv2d.tangentBackward: shape \(ddy.shape)")
        if computesParameterGradients {  // the term from the columns' own tangent
            let dcol = workspace.buffer(g.rows * columns)
            lowering.plan(g).im2col(batch: batch, image: dx.data, col: dcol)
            GEMM.multiply(transB: true, m: outputChannels, n: g.rows, k: columns, a: dy.data, lda: columns,
                          b: dcol, ldb: columns, beta: 1, c: weight.gradient.data, ldc: g.rows)
        }
        return backpropagate(ddy, into: tangentInputGradient)
    }
}
