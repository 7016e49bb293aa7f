import Foundation

/// Elementwise nonlinearity.
public enum Activation: Sendable, Equatable, Codable {
    case identity
    case relu
    /// `max(x, slope·x)`; carpedm20 and the DCGAN paper use slope 0.2.
    case leakyReLU(Float)
    case tanh
    /// `1 / (1 + e^(−x))`; FastGAN's skip-layer excitation gate.
    case sigmoid

    /// `f(x)`.
    @inline(__always)
    public func apply(_ x: Float) -> Float {
        switch self {
        case .identity: return x
        case .relu: return x > 0 ? x : 0
        case .leakyReLU(let a): return x > 0 ? x : a * x
        case .tanh: return Foundation.tanh(x)
        case .sigmoid: return 1 / (1 + Foundation.exp(-x))
        }
    }

    /// `f'(x)` written in terms of the output `y = f(x)`.
    @inline(__always)
    public func derivative(output y: Float) -> Float {
        switch self {
        case .identity: return 1
        case .relu: return y > 0 ? 1 : 0
        case .leakyReLU(let a): return y > 0 ? 1 : a
        case .tanh: return 1 - y * y
        case .sigmoid: return y * (1 - y)
        }
    }
}

/// An activation as a layer of its own (any shape; parallel, single pass).
///
/// The backward pass uses only the stored output, so it needs no copy of the input.
public final class ActivationLayer: Layer {
    public let activation: Activation
    public var needsInputGradient = true
    public var computesParameterGradients = true
    let output = Tensor(shape: [0])
    private let inputGradient = Tensor(shape: [0])
    /// Forward-over-reverse buffers (``TangentLayer``), empty unless R1 is on.
    let tangentOutput = Tensor(shape: [0]), tangentInputGradient = Tensor(shape: [0])

    public init(_ activation: Activation) { self.activation = activation }

    public var parameters: [Parameter] { [] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        output.resize(x.shape)
        let s = SharedPointer(x.data), d = SharedPointer(output.data), f = activation
        Compute.parallel(x.count, minChunk: 1 << 15) { a, b in
            switch f {
            case .relu: for i in a..<b { let v = s.p[i]; d.p[i] = v > 0 ? v : 0 }
            case .leakyReLU(let k): for i in a..<b { let v = s.p[i]; d.p[i] = v > 0 ? v : k * v }
            default: for i in a..<b { d.p[i] = f.apply(s.p[i]) }
            }
        }
        return output
    }

    public func backward(_ dy: Tensor) -> Tensor {
        precondition(dy.count == output.count, "ActivationLayer.backward: shape \(dy.shape)")
        inputGradient.resize(output.shape)
        let y = SharedPointer(output.data), g = SharedPointer(dy.data), d = SharedPointer(inputGradient.data), f = activation
        Compute.parallel(dy.count, minChunk: 1 << 15) { a, b in
            switch f {
            case .tanh: for i in a..<b { let v = y.p[i]; d.p[i] = g.p[i] * (1 - v * v) }
            case .leakyReLU(let k): for i in a..<b { d.p[i] = y.p[i] > 0 ? g.p[i] : k * g.p[i] }
            default: for i in a..<b { d.p[i] = g.p[i] * f.derivative(output: y.p[i]) }
            }
        }
        return inputGradient
    }
}
