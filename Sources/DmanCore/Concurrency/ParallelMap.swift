import Dispatch
import Foundation

/// Runs independent work items on all cores, keeping results in input order.
public enum Parallel {
    /// Number of worker threads to use when the user gives none.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Maps `items` with `jobs` workers; result `i` belongs to item `i`.
    ///
    /// Items are handed out one at a time from a shared counter, so slow items
    /// do not hold up a whole chunk.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int = defaultJobs,
                                                     _ body: @Sendable (T) -> R) -> [R] {
        let n = items.count
        if n == 0 { return [] }
        let workers = max(1, min(jobs, n))
        let results = ResultSlots<R>(count: n)
        let counter = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = counter.next()
                if i >= n { break }
                results.set(i, body(items[i]))
            }
        }
        return results.values()
    }

    /// Calls `body(i)` for `0..<count` on `jobs` workers (no results).
    public static func forEach(_ count: Int, jobs: Int = defaultJobs, _ body: @Sendable (Int) -> Void) {
        if count == 0 { return }
        let workers = max(1, min(jobs, count))
        let counter = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = counter.next()
                if i >= count { break }
                body(i)
            }
        }
    }
}

/// Fixed slots, each written once by one worker.
final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: R) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func values() -> [R] { slots.map { $0! } }
}
