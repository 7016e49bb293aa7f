/// A network layer with an explicit forward pass and a hand-written backward pass.
///
/// A layer owns its output and input-gradient tensors and reuses them on every
/// call; the tensor returned by ``forward(_:training:)`` stays valid until the
/// layer's next forward. ``backward(_:)`` must follow the forward whose input
/// it differentiates; it adds parameter gradients into each
/// ``Parameter/gradient`` (when ``computesParameterGradients``) and returns the
/// gradient with respect to the input (meaningless when
/// ``needsInputGradient`` is false, e.g. for a network's first layer).
public protocol Layer: AnyObject {
    /// Trainable parameters, in `state_dict` order.
    var parameters: [Parameter] { get }
    /// Non-trainable state saved in checkpoints (BatchNorm running statistics).
    var buffers: [(name: String, tensor: Tensor)] { get }
    /// Whether ``backward(_:)`` must produce the input gradient.
    var needsInputGradient: Bool { get set }
    /// Whether ``backward(_:)`` accumulates parameter gradients.
    var computesParameterGradients: Bool { get set }
    /// Computes the output for `x`.
    func forward(_ x: Tensor, training: Bool) -> Tensor
    /// Back-propagates `dy` (same shape as the last output).
    func backward(_ dy: Tensor) -> Tensor
}

extension Layer {
    public var buffers: [(name: String, tensor: Tensor)] { [] }
}

/// Scratch memory shared by the layers of one or more networks.
///
/// Column matrices that are needed only inside one call (a transposed
/// convolution's forward columns, a convolution's column gradient) live here,
/// so a whole GAN needs one such buffer, sized for its largest layer.
public final class Workspace: @unchecked Sendable {
    private var storage: UnsafeMutablePointer<Float>
    private var capacity: Int

    public init() {
        capacity = 1
        storage = .allocate(capacity: 1)
    }

    deinit { storage.deallocate() }

    /// At least `count` floats of scratch (contents unspecified).
    func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            storage.deallocate()
            capacity = count
            storage = .allocate(capacity: count)
            storage.initialize(repeating: 0, count: count)
        }
        return storage
    }

    /// Floats currently reserved.
    public var reservedCount: Int { capacity }
}
