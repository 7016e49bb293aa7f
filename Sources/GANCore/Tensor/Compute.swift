import DmanCore

/// Thread settings shared by every GANCore kernel.
///
/// ``threads`` drives both OpenBLAS and GANCore's own parallel loops
/// (im2col, BatchNorm, activations, Adam). Set it once before training.
///
/// The loops run on DmanCore's one parallel-for,
/// `Parallel.forEachChunk(_:workers:_:)` (contiguous slices, fixed by the
/// sizes); this type only decides how many workers a loop gets.
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
        Parallel.forEachChunk(count, workers: workers) { _, start, end in body(start, end) }
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
        Parallel.forEachChunk(count, workers: workers, body)
    }
}

/// GANCore's default worker count: DmanCore's `Parallel.defaultJobs`
/// (the cores this process may use), so the trainer and the stages agree.
enum Parallelism {
    static var defaultThreads: Int { Parallel.defaultJobs }
}

/// GANCore's kernels name DmanCore's one shareable pointer through this
/// alias, so their files need not import DmanCore.
typealias SharedPointer = DmanCore.SharedPointer
