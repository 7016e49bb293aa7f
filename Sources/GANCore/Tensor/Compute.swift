import Dispatch

/// Thread settings shared by every GANCore kernel.
///
/// ``threads`` drives both OpenBLAS and GANCore's own parallel loops
/// (im2col, BatchNorm, activations, Adam). Set it once before training.
public enum Compute {
    nonisolated(unsafe) private static var _threads = Parallelism.defaultThreads

    /// Worker threads for kernels and GEMM (at least 1).
    public static var threads: Int { _threads }

    /// Sets the thread count for GANCore loops and OpenBLAS.
    public static func setThreads(_ count: Int) {
        _threads = max(1, count)
        GEMM.setThreads(_threads)
    }

    /// Runs `body(start, end)` over `0..<count` split into contiguous chunks,
    /// one per thread (inline when one thread or little work).
    ///
    /// The split depends only on `count` and ``threads``, and each index is
    /// processed by exactly one call, so results do not depend on timing.
    @inline(__always)
    static func parallel(_ count: Int, minChunk: Int = 1, _ body: @Sendable (Int, Int) -> Void) {
        if count <= 0 { return }
        let workers = min(_threads, max(1, count / max(1, minChunk)))
        if workers <= 1 { body(0, count); return }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let start = count * w / workers
            let end = count * (w + 1) / workers
            if start < end { body(start, end) }
        }
    }
}

extension Compute {
    /// Like ``parallel(_:minChunk:_:)`` but also passes the worker index
    /// (0..<``threads``), so workers can use their own scratch memory.
    @inline(__always)
    static func parallelWorkers(_ count: Int, maxWorkers: Int, _ body: @Sendable (Int, Int, Int) -> Void) {
        if count <= 0 { return }
        let workers = min(_threads, count, maxWorkers)
        if workers <= 1 { body(0, 0, count); return }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let start = count * w / workers
            let end = count * (w + 1) / workers
            if start < end { body(w, start, end) }
        }
    }
}

enum Parallelism {
    static var defaultThreads: Int {
        max(1, sysconfThreads())
    }
    private static func sysconfThreads() -> Int {
        #if os(Linux)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return Int(sysconf(_SC_NPROCESSORS_ONLN))
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A raw pointer that may cross into `concurrentPerform` workers.
///
/// Safe because every parallel loop in GANCore writes disjoint ranges.
/// GANCore's one such wrapper (floats, im2col tables, evaluation buffers).
struct SharedPointer<T>: @unchecked Sendable {
    let p: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutablePointer<T>) { self.p = p }
}
