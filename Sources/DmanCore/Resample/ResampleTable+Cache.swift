import Foundation

extension ResampleTable {
    /// The whole-axis table for these sizes, computed once per process.
    ///
    /// A run resizes thousands of pictures between a handful of sizes, so
    /// the tables are kept (up to a few thousand; then the cache starts over).
    package static func cached(kernel: ResampleKernel, arithmetic: ResampleArithmetic, inSize: Int, outSize: Int) -> ResampleTable {
        let key = ResampleTableCache.Key(kernel: kernel, arithmetic: arithmetic, inSize: inSize, outSize: outSize)
        if let hit = ResampleTableCache.shared.get(key) { return hit }
        let table = ResampleTable(kernel: kernel, arithmetic: arithmetic, inSize: inSize, outSize: outSize)
        ResampleTableCache.shared.set(key, table)
        return table
    }
}

/// Tables shared by every thread of a run.
final class ResampleTableCache: @unchecked Sendable {
    static let shared = ResampleTableCache()

    struct Key: Hashable {
        var kernel: ResampleKernel
        var arithmetic: ResampleArithmetic
        var inSize: Int
        var outSize: Int
    }

    private let lock = NSLock()
    private var tables: [Key: ResampleTable] = [:]

    func get(_ key: Key) -> ResampleTable? {
        lock.lock(); defer { lock.unlock() }
        return tables[key]
    }

    func set(_ key: Key, _ table: ResampleTable) {
        lock.lock(); defer { lock.unlock() }
        if tables.count > 4096 { tables.removeAll() }
        tables[key] = table
    }
}
