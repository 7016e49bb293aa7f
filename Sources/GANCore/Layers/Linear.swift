/// Fully connected layer on `[N, in]` → `[N, out]`: `y = x · Wᵀ + b`.
///
/// Weight layout is PyTorch's `[out, in]` (`weight`), plus `bias[out]`.
public final class Linear: Layer {
    public let inputFeatures: Int
    public let outputFeatures: Int
    public let weight: Parameter
    public let bias: Parameter
    public var needsInputGradient = true
    public var computesParameterGradients = true

    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    var input: Tensor?
    /// Forward-over-reverse state (``TangentLayer``), empty unless R1 is on.
    var tangentInput: Tensor?
    let tangentOutput = Tensor(shape: [0]), tangentInputGradient = Tensor(shape: [0])

    public init(name: String, inputFeatures: Int, outputFeatures: Int) {
        precondition(inputFeatures > 0 && outputFeatures > 0)
        self.inputFeatures = inputFeatures
        self.outputFeatures = outputFeatures
        weight = Parameter(name: "\(name).weight", shape: [outputFeatures, inputFeatures])
        bias = Parameter(name: "\(name).bias", shape: [outputFeatures])
    }

    public var parameters: [Parameter] { [weight, bias] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.shape.count == 2 && x.shape[1] == inputFeatures,
                     "Linear expects [N, \(inputFeatures)], got \(x.shape)")
        let n = x.count / inputFeatures
        input = x
        output.resize([n, outputFeatures])
        let o = output.data, b = bias.value.data
        for r in 0..<n { (o + r * outputFeatures).update(from: b, count: outputFeatures) }
        GEMM.multiply(transB: true, m: n, n: outputFeatures, k: inputFeatures, a: x.data, lda: inputFeatures,
                      b: weight.value.data, ldb: inputFeatures, beta: 1, c: output.data, ldc: outputFeatures)
        return output
    }

    public func backward(_ dy: Tensor) -> Tensor { backpropagate(dy, into: inputGradient) }

    /// `dW += dyᵀ·x`, `db += Σdy` and `result = dy·W`, at the last forward's input (also the tangent
    /// pass's, with dy's tangent: the gradients are linear in dy).
    func backpropagate(_ dy: Tensor, into result: Tensor) -> Tensor {
        guard let x = input else { preconditionFailure("Linear.backward before forward") }
        let n = x.count / inputFeatures
        precondition(dy.count == n * outputFeatures, "Linear.backward: gradient shape \(dy.shape)")
        if computesParameterGradients {
            GEMM.multiply(transA: true, m: outputFeatures, n: inputFeatures, k: n, a: dy.data, lda: outputFeatures,
                          b: x.data, ldb: inputFeatures, beta: 1, c: weight.gradient.data, ldc: inputFeatures)
            let g = bias.gradient.data
            for r in 0..<n {
                let row = dy.data + r * outputFeatures
                for j in 0..<outputFeatures { g[j] += row[j] }
            }
        }
        result.resize([n, inputFeatures])
        if needsInputGradient {
            GEMM.multiply(m: n, n: inputFeatures, k: outputFeatures, a: dy.data, lda: outputFeatures,
                          b: weight.value.data, ldb: inputFeatures, c: result.data, ldc: inputFeatures)
        }
        return result
    }
}
