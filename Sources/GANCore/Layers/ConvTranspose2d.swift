/// 2-D transposed convolution ("deconvolution") over `[C, N, H, W]`, as one GEMM.
///
/// Weight layout is PyTorch's `[in, out, kh, kw]` (`weight`), plus `bias[out]`.
/// It is the adjoint of a ``Conv2d`` reading the output: forward computes
/// `col = Wᵀ · X` (`[out·kh·kw, N·H·W]`) and scatters it with col2im;
/// backward gathers `col = im2col(dY)` and computes `dX = W · col`,
/// `dW += X · colᵀ`.
///
/// With ``ConvPadding/same`` the output is `input × stride`, as TensorFlow's
/// `conv2d_transpose` with "SAME" (carpedm20's `deconv2d`). PyTorch's
/// `ConvTranspose2d(padding: 1)` gives the same values plus one extra last
/// row and column (for kernel 5, stride 2); `padding: 2, output_padding: 1`
/// is shifted by one pixel and does not match.
public final class ConvTranspose2d: Layer {
    public let inputChannels: Int
    public let outputChannels: Int
    public let kernelSize: Int
    public let stride: Int
    public let padding: ConvPadding
    public let outputPadding: Int
    public let weight: Parameter
    public let bias: Parameter
    public var needsInputGradient = true
    public var computesParameterGradients = true

    let workspace: Workspace
    let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    var input: Tensor?
    var geometry: ConvGeometry?
    var lowering = LoweringCache()
    private var batch = 0

    public init(name: String, inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int,
                padding: ConvPadding, outputPadding: Int = 0, workspace: Workspace) {
        precondition(inputChannels > 0 && outputChannels > 0 && kernelSize > 0 && stride > 0)
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
        self.workspace = workspace
        weight = Parameter(name: "\(name).weight", shape: [inputChannels, outputChannels, kernelSize, kernelSize])
        bias = Parameter(name: "\(name).bias", shape: [outputChannels])
    }

    public var parameters: [Parameter] { [weight, bias] }

    /// Output height and width for an input of `height × width`.
    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int) {
        (padding.transposed(size: height, kernel: kernelSize, stride: stride, outputPadding: outputPadding).out,
         padding.transposed(size: width, kernel: kernelSize, stride: stride, outputPadding: outputPadding).out)
    }

    /// The col2im geometry of input `x` ([inputChannels, N, H, W]): image side =
    /// this layer's output, column side = its input. Training and inference share it.
    func columnGeometry(for x: Tensor) -> ConvGeometry {
        precondition(x.shape.count == 4 && x.shape[0] == inputChannels,
                     "ConvTranspose2d expects [\(inputChannels), N, H, W], got \(x.shape)")
        let h = x.shape[2], w = x.shape[3]
        let (oh, pt) = padding.transposed(size: h, kernel: kernelSize, stride: stride, outputPadding: outputPadding)
        let (ow, pl) = padding.transposed(size: w, kernel: kernelSize, stride: stride, outputPadding: outputPadding)
        return ConvGeometry(channels: outputChannels, height: oh, width: ow, kernelY: kernelSize, kernelX: kernelSize,
                            strideY: stride, strideX: stride, padTop: pt, padLeft: pl, outHeight: h, outWidth: w)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let g = columnGeometry(for: x)
        let n = x.shape[1], h = x.shape[2], w = x.shape[3]
        geometry = g
        batch = n
        input = x
        let columns = n * h * w
        let col = workspace.buffer(g.rows * columns)
        GEMM.multiply(transA: true, m: g.rows, n: columns, k: inputChannels, a: weight.value.data, lda: g.rows,
                      b: x.data, ldb: columns, c: col, ldc: columns)
        let oh = g.height, ow = g.width
        output.resize([outputChannels, n, oh, ow])
        fillRows(output.data, rows: outputChannels, length: n * oh * ow, values: bias.value.data)
        lowering.plan(g).col2im(batch: n, col: col, image: output.data)
        return output
    }

    public func backward(_ dy: Tensor) -> Tensor {
        guard let g = geometry, let x = input else { preconditionFailure("ConvTranspose2d.backward before forward") }
        let columns = batch * g.outHeight * g.outWidth
        precondition(dy.count == outputChannels * batch * g.height * g.width, "ConvTranspose2d.backward: shape \(dy.shape)")
        let col = workspace.buffer(g.rows * columns)
        lowering.plan(g).im2col(batch: batch, image: dy.data, col: col)
        if computesParameterGradients {
            GEMM.multiply(transB: true, m: inputChannels, n: g.rows, k: columns, a: x.data, lda: columns,
                          b: col, ldb: columns, beta: 1, c: weight.gradient.data, ldc: g.rows)
            addRowSums(dy.data, rows: outputChannels, length: batch * g.height * g.width, into: bias.gradient.data)
        }
        inputGradient.resize([inputChannels, batch, g.outHeight, g.outWidth])
        if needsInputGradient {
            GEMM.multiply(m: inputChannels, n: columns, k: g.rows, a: weight.value.data, lda: g.rows,
                          b: col, ldb: columns, c: inputGradient.data, ldc: columns)
        }
        return inputGradient
    }
}
