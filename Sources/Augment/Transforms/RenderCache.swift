/// Native-engine pictures right after a geometric step, keyed by the steps
/// that made them, so a source's variants that share those steps compute them
/// once (`--rotations ±5 --unsharp …` rotates each angle once, not once per
/// unsharp setting). Holds one source's intermediates: make one per source
/// picture and drop it after that source's outputs. Not thread-safe.
///
/// It keeps only the `capacity` most recent pictures: the plan lists the
/// variants that share a rotation next to each other, and a worker holding
/// every rotation of a large source (20 angles × 16 MB at 1024 px) would
/// multiply memory by the number of workers.
public final class RenderCache {
    struct Entry {
        var image: FloatImage
        var outside: Outside
        /// Number of steps already applied.
        var length: Int
    }

    private var entries: [String: Entry] = [:]
    private var order: [String] = []
    /// Most pictures held at once.
    public let capacity: Int

    public init(capacity: Int = 2) {
        self.capacity = max(1, capacity)
    }

    /// Pictures held now (at most ``capacity``).
    public var count: Int { entries.count }

    /// The entry for the longest cached prefix of `steps` that ends with a geometric step.
    func longestPrefix(of steps: [TransformStep]) -> Entry? {
        guard !entries.isEmpty else { return nil }
        for length in stride(from: steps.count - 1, through: 1, by: -1)
        where steps[length - 1].isGeometric && !steps[length].isGeometric {
            if let hit = entries[Self.key(steps[..<length])] { return hit }
        }
        return nil
    }

    func store(_ image: FloatImage, outside: Outside, after prefix: ArraySlice<TransformStep>) {
        let key = Self.key(prefix)
        guard entries[key] == nil else { return }
        if order.count == capacity { entries[order.removeFirst()] = nil }
        entries[key] = Entry(image: image, outside: outside, length: prefix.count)
        order.append(key)
    }

    /// Exact: parameters print as shortest round-trip decimals.
    private static func key(_ steps: ArraySlice<TransformStep>) -> String { String(describing: Array(steps)) }
}
