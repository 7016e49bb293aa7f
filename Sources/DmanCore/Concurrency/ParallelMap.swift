import Dispatch
import Foundation

/// dman's one parallel-for: runs independent work items on all cores,
/// keeping results in input order.
///
/// Two ways to split the work:
/// - ``map(_:jobs:_:)`` and ``forEach(_:jobs:_:)`` hand out items one at a
///   time from a shared ``AtomicCounter``, so a slow item (a huge picture)
///   does not hold up a whole chunk: for per-file work;
/// - ``forEachChunk(_:workers:_:)`` cuts a range into one contiguous slice
///   per worker, decided by the sizes alone: for tight numeric loops (GANCore's
///   kernels through `Compute`), where handing out single indices would cost
///   more than the work and a fixed split keeps sums reproducible.
///
///     let sizes = Parallel.map(files, jobs: 4) { try? Data(contentsOf: $0).count }
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

extension Parallel {
    /// Calls `body(worker, start, end)` on `workers` threads (fewer when
    /// `count` is smaller), worker `w` taking the `w`-th of equal contiguous
    /// slices of `0..<count`; inline on the calling thread for one worker.
    ///
    /// The split depends only on `count` and `workers` and every index is in
    /// exactly one slice, so results do not depend on timing; `worker`
    /// (`0..<workers`) lets each slice use its own scratch memory.
    ///
    ///     Parallel.forEachChunk(values.count, workers: 2) { _, start, end in
    ///         for i in start..<end { out.p[i] = values[i] * 2 }
    ///     }
    public static func forEachChunk(_ count: Int, workers: Int,
                                    _ body: @Sendable (_ worker: Int, _ start: Int, _ end: Int) -> Void) {
        if count <= 0 { return }
        let workers = max(1, min(workers, count))
        if workers == 1 { body(0, 0, count); return }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let start = count * w / workers
            let end = count * (w + 1) / workers
            if start < end { body(w, start, end) }
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
