/// A raw pointer handed to parallel workers that write disjoint ranges.
///
/// Only used inside the evaluation code, where each worker owns its slice;
/// the owner keeps the storage alive for the duration of the parallel call.
struct EvaluationSharedPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

extension Array {
    /// Runs `body` with a pointer that can cross into `Parallel.forEach` workers.
    mutating func withSharedPointer<R>(_ body: (EvaluationSharedPointer<Element>) throws -> R) rethrows -> R {
        try withUnsafeMutableBufferPointer { try body(EvaluationSharedPointer(base: $0.baseAddress!)) }
    }
}
