/// A Float32 buffer with a shape, owned by reference and reused across steps.
///
/// Layout: activations inside the networks are **channel-major `[C, N, H, W]`**
/// ("CNHW": all of channel 0 for every image of the batch, then channel 1, …).
/// This makes a convolution over the whole minibatch one GEMM whose output is
/// already in place (rows = channels, columns = batch × pixels) and makes each
/// BatchNorm channel one contiguous slab. Dense layers use `[N, features]`.
/// Parameters keep PyTorch's layouts (see ``Parameter``), so checkpoints load
/// into a PyTorch `state_dict` unchanged.
///
/// Storage is allocated once; ``resize(_:)`` reallocates only when the element
/// count grows, so the training loop never allocates after its first step.
public final class Tensor: @unchecked Sendable {
    /// Dimensions, outermost first.
    public private(set) var shape: [Int]
    /// Number of elements (product of ``shape``).
    public private(set) var count: Int
    private var capacity: Int
    /// The elements; valid for `count` floats until the next ``resize(_:)``.
    public private(set) var data: UnsafeMutablePointer<Float>

    /// A zero-filled tensor.
    public init(shape: [Int]) {
        let n = shape.reduce(1, *)
        precondition(n >= 0, "negative shape \(shape)")
        self.shape = shape
        count = n
        capacity = max(n, 1)
        data = .allocate(capacity: capacity)
        data.initialize(repeating: 0, count: capacity)
    }

    /// A tensor holding `values` (count must match the shape).
    public convenience init(shape: [Int], values: [Float]) {
        self.init(shape: shape)
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }

    deinit { data.deallocate() }

    /// Changes the shape; grows (and zero-fills) the storage only when needed.
    /// Contents are unspecified afterwards unless the count is unchanged.
    public func resize(_ newShape: [Int]) {
        let n = newShape.reduce(1, *)
        if n > capacity {
            data.deallocate()
            capacity = n
            data = .allocate(capacity: n)
            data.initialize(repeating: 0, count: n)
        }
        shape = newShape
        count = n
    }

    /// A copy of the elements.
    public var array: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// Sets every element to zero.
    public func zero() { data.update(repeating: 0, count: count) }

    /// Sets every element to `value`.
    public func fill(_ value: Float) { data.update(repeating: value, count: count) }

    /// Copies `other`'s shape and elements into this tensor.
    public func copy(from other: Tensor) {
        resize(other.shape)
        data.update(from: other.data, count: count)
    }

    /// Element `i` (flat index).
    public subscript(i: Int) -> Float {
        get { data[i] }
        set { data[i] = newValue }
    }
}

/// A trainable tensor, its gradient, and its `state_dict` name.
///
/// The value uses PyTorch's layout for its kind: Linear `[out, in]`, Conv2d
/// `[out, in, kh, kw]`, ConvTranspose2d `[in, out, kh, kw]`, BatchNorm `[C]`.
/// Gradients accumulate (`+=`) across backward passes until ``zeroGradient()``.
public final class Parameter: @unchecked Sendable {
    /// Name in the PyTorch `state_dict`, e.g. `g_h1.weight`.
    public var name: String
    public let value: Tensor
    public let gradient: Tensor

    public init(name: String, shape: [Int]) {
        self.name = name
        value = Tensor(shape: shape)
        gradient = Tensor(shape: shape)
    }

    /// Clears the accumulated gradient.
    public func zeroGradient() { gradient.zero() }
}
