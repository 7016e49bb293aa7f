/// 2-D convolution over a channel-major `[C, N, H, W]` minibatch, as one GEMM.
///
/// Weight layout is PyTorch's `[out, in, kh, kw]` (`weight`), plus `bias[out]`.
/// The forward pass lowers the whole minibatch with im2col
/// (`col[in·kh·kw, N·Ho·Wo]`) and computes `Y = W · col` in place; backward
/// uses `dW += dY · colᵀ` and `dX = col2im(Wᵀ · dY)`. The column matrix is kept
/// from forward to backward (it is the layer's largest buffer).
///
///     let conv = Conv2d(name: "d_h0_conv", inputChannels: 3, outputChannels: 64,
///                       kernelSize: 5, stride: 2, padding: .same, workspace: ws)
public final class Conv2d: Layer {
    public let inputChannels: Int
    public let outputChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: ConvPadding
    public let weight: Parameter
    public let bias: Parameter
    public var needsInputGradient = true
    public var computesParameterGradients = true

    let workspace: Workspace
    let col = Tensor(shape: [0])
    private let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    var geometry: ConvGeometry?
    var lowering = LoweringCache()
    var batch = 0
    /// Forward-over-reverse buffers (``TangentLayer``), empty unless R1 is on.
    let tangentOutput = Tensor(shape: [0]), tangentInputGradient = Tensor(shape: [0])
    var tangentInput: Tensor?

    public init(name: String, inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int,
                padding: ConvPadding, workspace: Workspace) {
        precondition(inputChannels > 0 && outputChannels > 0 && kernelSize > 0 && stride > 0)
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.workspace = workspace
        weight = Parameter(name: "\(name).weight", shape: [outputChannels, inputChannels, kernelSize, kernelSize])
        bias = Parameter(name: "\(name).bias", shape: [outputChannels])
    }

    public var parameters: [Parameter] { [weight, bias] }

    /// Output height and width for an input of `height × width`.
    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        (padding.convolution(size: height, kernel: kernelSize, stride: stride).out,
         padding.convolution(size: width, kernel: kernelSize, stride: stride).out)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.shape.count == 4 && x.shape[0] == inputChannels, "Conv2d expects [\(inputChannels), N, H, W], got \(x.shape)")
        let n = x.shape[1], h = x.shape[2], w = x.shape[3]
        let (oh, pt) = padding.convolution(size: h, kernel: kernelSize, stride: stride)
        let (ow, pl) = padding.convolution(size: w, kernel: kernelSize, stride: stride)
        let g = ConvGeometry(channels: inputChannels, height: h, width: w, kernelY: kernelSize, kernelX: kernelSize,
                             strideY: stride, strideX: stride, padTop: pt, padLeft: pl, outHeight: oh, outWidth: ow)
        geometry = g
        batch = n
        let columns = n * oh * ow
        col.resize([g.rows, columns])
        lowering.plan(g).im2col(batch: n, image: x.data, col: col.data)
        output.resize([outputChannels, n, oh, ow])
        fillRows(output.data, rows: outputChannels, length: columns, values: bias.value.data)
        GEMM.multiply(m: outputChannels, n: columns, k: g.rows, a: weight.value.data, lda: g.rows,
                      b: col.data, ldb: columns, beta: 1, c: output.data, ldc: columns)
        return output
    }

    public func backward(_ dy: Tensor) -> Tensor { backpropagate(dy, into: inputGradient) }

    /// `dW += dy·colᵀ`, `db += Σdy` and `result = col2im(Wᵀ·dy)`, at the last forward's columns (also the
    /// tangent pass's, with dy's tangent: the gradients are linear in dy).
    func backpropagate(_ dy: Tensor, into result: Tensor) -> Tensor {
        guard let g = geometry else { preconditionFailure("Conv2d.backward before forward") }
        let columns = batch * g.outHeight * g.outWidth
        precondition(dy.count == outputChannels * columns, "Conv2d.backward: gradient shape \(dy.shape)")
        if computesParameterGradients {
            GEMM.multiply(transB: true, m: outputChannels, n: g.rows, k: columns, a: dy.data, lda: columns,
                          b: col.data, ldb: columns, beta: 1, c: weight.gradient.data, ldc: g.rows)
            addRowSums(dy.data, rows: outputChannels, length: columns, into: bias.gradient.data)
        }
        result.resize([inputChannels, batch, g.height, g.width])
        if needsInputGradient {
            let dcol = workspace.buffer(g.rows * columns)
            GEMM.multiply(transA: true, m: g.rows, n: columns, k: outputChannels, a: weight.value.data, lda: g.rows,
                          b: dy.data, ldb: columns, c: dcol, ldc: columns)
            result.zero()
            lowering.plan(g).col2im(batch: batch, col: dcol, image: result.data)
        }
        return result
    }
}

/// Sets row `r` of a `rows × length` matrix to `values[r]`, in parallel.
func fillRows(_ m: UnsafeMutablePointer<Float>, rows: Int, length: Int, values: UnsafePointer<Float>) {
    let mp = SharedPointer(m), vp = SharedPointer(UnsafeMutablePointer(mutating: values))
    Compute.parallel(rows) { a, b in
        for r in a..<b { (mp.p + r * length).update(repeating: vp.p[r], count: length) }
    }
}

/// Adds the sum of row `r` of a `rows × length` matrix to `sums[r]`.
func addRowSums(_ m: UnsafePointer<Float>, rows: Int, length: Int, into sums: UnsafeMutablePointer<Float>) {
    let mp = SharedPointer(UnsafeMutablePointer(mutating: m)), sp = SharedPointer(sums)
    Compute.parallel(rows) { a, b in
        for r in a..<b { sp.p[r] += Float(sumDouble(mp.p + r * length, length)) }
    }
}

/// Sum of `count` floats accumulated in Double (8 lanes).
@inline(__always)
func sumDouble(_ p: UnsafePointer<Float>, _ count: Int) -> Double {
    var acc = SIMD8<Double>()
    var i = 0
    while i + 8 <= count {
        let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
        acc += SIMD8<Double>(v)
        i += 8
    }
    var s = acc.sum()
    while i < count { s += Double(p[i]); i += 1 }
    return s
}
