import Foundation

/// A counter any thread may advance: the one counter of dman's libraries
/// (work indices in ``Parallel``, finished items in ``ProgressCounter``).
///
///     let counter = AtomicCounter()
///     let index = counter.next()        // 0, 1, 2, … across threads
public final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    public init() {}

    /// The current value, then adds one (hands out 0, 1, 2, …).
    public func next() -> Int {
        lock.lock(); defer { lock.unlock() }
        let v = value
        value += 1
        return v
    }

    /// Adds one and returns the new value (counts 1, 2, 3, …).
    public func increment() -> Int { next() + 1 }
}

/// Counts finished items and reports each as ``ProgressEvent/advanced(completed:total:)``.
///
///     let progress = ProgressCounter(total: items.count, handler: report)
///     Parallel.forEach(items.count) { i in work(i); progress.advance() }
public final class ProgressCounter: Sendable {
    private let counter = AtomicCounter()
    private let total: Int
    private let handler: ProgressHandler?

    public init(total: Int, handler: ProgressHandler?) {
        self.total = total
        self.handler = handler
    }

    /// One more item finished.
    public func advance() {
        let done = counter.increment()
        handler?(.advanced(completed: done, total: total))
    }
}
