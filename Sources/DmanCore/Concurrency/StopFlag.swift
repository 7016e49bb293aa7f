import Foundation

/// A flag any worker can raise once to stop the others (`--strict`, a full disk).
///
///     let stop = StopFlag()
///     Parallel.forEach(n) { i in if stop.isSet { return }; if failed(i) { stop.set() } }
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    public init() {}

    /// Whether some worker raised the flag.
    public var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }

    /// Raises the flag (for good).
    public func set() { lock.lock(); value = true; lock.unlock() }
}
