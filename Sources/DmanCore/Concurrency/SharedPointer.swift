/// A raw pointer that may cross into ``Parallel`` workers: dman's one
/// shareable buffer type.
///
/// Sound only while the memory outlives the parallel call and workers write
/// disjoint elements (each its own index or ``Parallel/forEachChunk(_:workers:_:)``
/// slice); nothing here checks either.
///
///     var out = [Float](repeating: 0, count: n)
///     out.withSharedPointer { o in
///         Parallel.forEachChunk(n, workers: 2) { _, start, end in for i in start..<end { o.p[i] = f(i) } }
///     }
package struct SharedPointer<T>: @unchecked Sendable {
    /// The shared memory.
    package let p: UnsafeMutablePointer<T>

    package init(_ p: UnsafeMutablePointer<T>) { self.p = p }
}

extension Array {
    /// Runs `body` with a ``SharedPointer`` to the array's storage (the array
    /// outlives the call; each worker writes its own elements).
    package mutating func withSharedPointer<R>(_ body: (SharedPointer<Element>) throws -> R) rethrows -> R {
        try withUnsafeMutableBufferPointer { try body(SharedPointer($0.baseAddress!)) }
    }
}
