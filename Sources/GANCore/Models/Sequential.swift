/// Layers applied in order, with the backward pass in reverse order.
public final class Sequential: @unchecked Sendable {
    public let layers: [any Layer]

    public init(_ layers: [any Layer]) { self.layers = layers }

    /// Runs every layer; the result is owned by the last layer.
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        var h = x
        for layer in layers { h = layer.forward(h, training: training) }
        return h
    }

    /// Back-propagates from the output gradient; returns the input gradient
    /// (valid only when the first layer ``Layer/needsInputGradient``).
    @discardableResult
    public func backward(_ dy: Tensor) -> Tensor {
        var g = dy
        for layer in layers.reversed() { g = layer.backward(g) }
        return g
    }

    /// Trainable parameters in `state_dict` order.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Every tensor of the `state_dict` (parameters and buffers), in order.
    public var stateTensors: [(name: String, tensor: Tensor)] {
        layers.flatMap { layer in layer.parameters.map { ($0.name, $0.value) } + layer.buffers }
    }

    /// Clears every parameter gradient.
    public func zeroGradients() { for p in parameters { p.zeroGradient() } }

    /// Turns parameter-gradient accumulation on or off for every layer
    /// (off while the other network of a GAN is being trained).
    public func setComputesParameterGradients(_ on: Bool) {
        for layer in layers { layer.computesParameterGradients = on }
    }

    /// Whether the first layer produces an input gradient.
    public var needsInputGradient: Bool {
        get { layers.first?.needsInputGradient ?? false }
        set { layers.first?.needsInputGradient = newValue }
    }
}
