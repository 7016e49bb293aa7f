extension Array {
    /// Runs `body` with a pointer that can cross into `Parallel.forEach` workers
    /// (each worker writes its own slice; the array outlives the call).
    mutating func withSharedPointer<R>(_ body: (SharedPointer<Element>) throws -> R) rethrows -> R {
        try withUnsafeMutableBufferPointer { try body(SharedPointer($0.baseAddress!)) }
    }
}
