/// A reshape is linear and parameter-free: tangents move as values and gradients do.
extension Flatten: TangentLayer {
    public func tangentForward(_ dx: Tensor) -> Tensor {
        let c = inputShape[0], n = inputShape[1], plane = inputShape[2] * inputShape[3]
        precondition(dx.count == c * n * plane, "Flatten.tangentForward: shape \(dx.shape)")
        tangentOutput.resize([n, c * plane])
        transposeBlocks(dx.data, to: tangentOutput.data, outer: c, inner: n, block: plane)
        return tangentOutput
    }

    public func tangentBackward(gradient dy: Tensor, tangent ddy: Tensor) -> Tensor {
        let c = inputShape[0], n = inputShape[1], plane = inputShape[2] * inputShape[3]
        tangentInputGradient.resize(inputShape)
        transposeBlocks(ddy.data, to: tangentInputGradient.data, outer: n, inner: c, block: plane)
        return tangentInputGradient
    }
}
