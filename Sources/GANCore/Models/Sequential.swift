import Dispatch

/// Layers applied in order, with the backward pass in reverse order.
public final class Sequential: @unchecked Sendable {
    public let layers: [any Layer]
    /// Trainable parameters in `state_dict` order (collected once: the
    /// training loop reads this every step and must not allocate).
    public let parameters: [Parameter]

    public init(_ layers: [any Layer]) {
        self.layers = layers
        parameters = layers.flatMap(\.parameters)
    }

    /// Runs every layer; the result is owned by the last layer.
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        var h = x
        if LayerProfile.enabled {
            for layer in layers {
                let t0 = LayerProfile.now(), g0 = GEMMProfile.seconds
                h = layer.forward(h, training: training)
                LayerProfile.record(layer, "forward", LayerProfile.now() - t0, GEMMProfile.seconds - g0)
            }
            return h
        }
        for layer in layers { h = layer.forward(h, training: training) }
        return h
    }

    /// Back-propagates from the output gradient; returns the input gradient
    /// (valid only when the first layer ``Layer/needsInputGradient``).
    @discardableResult
    public func backward(_ dy: Tensor) -> Tensor {
        var g = dy
        if LayerProfile.enabled {
            for layer in layers.reversed() {
                let t0 = LayerProfile.now(), g0 = GEMMProfile.seconds
                g = layer.backward(g)
                LayerProfile.record(layer, "backward", LayerProfile.now() - t0, GEMMProfile.seconds - g0)
            }
            return g
        }
        for layer in layers.reversed() { g = layer.backward(g) }
        return g
    }

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

/// Optional per-layer wall-clock accounting (with ``GEMMProfile``), for
/// ``GANBenchmark``'s breakdown of where an iteration's time goes.
public enum LayerProfile {
    nonisolated(unsafe) public static var enabled = false
    /// Seconds per "LayerType.name forward|backward": (total, of which GEMM).
    nonisolated(unsafe) public private(set) static var seconds: [String: (total: Double, gemm: Double)] = [:]

    public static func reset() { seconds = [:] }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

    static func record(_ layer: any Layer, _ pass: String, _ dt: Double, _ gemm: Double) {
        let name = layer.parameters.first.map { String($0.name.split(separator: ".").first ?? "") } ?? ""
        let key = "\(type(of: layer)) \(name) \(pass)"
        let old = seconds[key] ?? (0, 0)
        seconds[key] = (old.total + dt, old.gemm + gemm)
    }
}
