import DmanCore
import Foundation
import Testing

/// The one parallel-for, counter, stop flag and shared pointer of dman's
/// libraries, for any job count (more jobs than items included).
@Suite struct ParallelTests {
    static let jobCounts = [1, 2, 3, 8, 1000]

    @Test(arguments: jobCounts)
    func mapKeepsInputOrder(jobs: Int) {
        let items = Array(0..<257)
        // Uneven work, so items finish out of order.
        let out = Parallel.map(items, jobs: jobs) { i -> Int in
            if i % 7 == 0 { usleep(200) }
            return i * i
        }
        #expect(out == items.map { $0 * $0 })
        #expect(Parallel.map([Int](), jobs: jobs) { $0 }.isEmpty)
    }

    @Test(arguments: jobCounts)
    func perItemErrorsStayWithTheirItems(jobs: Int) {
        struct Odd: Error, Equatable { var value: Int }
        let out = Parallel.map(Array(0..<50), jobs: jobs) { i -> Result<Int, Odd> in
            i % 2 == 1 ? .failure(Odd(value: i)) : .success(i / 2)
        }
        for (i, r) in out.enumerated() {
            switch r {
            case .success(let v): #expect(i % 2 == 0 && v == i / 2)
            case .failure(let e): #expect(i % 2 == 1 && e.value == i)
            }
        }
    }

    @Test(arguments: jobCounts)
    func forEachVisitsEveryIndexOnce(jobs: Int) {
        let n = 500
        let visits = (0..<n).map { _ in AtomicCounter() }
        Parallel.forEach(n, jobs: jobs) { i in _ = visits[i].next() }
        #expect(visits.map { $0.next() } == Array(repeating: 1, count: n))
        Parallel.forEach(0, jobs: jobs) { _ in Issue.record("called for an empty range") }
    }

    @Test(arguments: jobCounts)
    func chunksCoverTheRangeContiguously(workers: Int) {
        for count in [0, 1, 5, 64, 1001] {
            var seen = [Int](repeating: 0, count: count)
            var workerOf = [Int](repeating: -1, count: count)
            seen.withSharedPointer { s in
                workerOf.withSharedPointer { w in
                    Parallel.forEachChunk(count, workers: workers) { worker, start, end in
                        #expect(start < end && worker < max(1, min(workers, count)))
                        for i in start..<end { s.p[i] += 1; w.p[i] = worker }
                    }
                }
            }
            #expect(seen == Array(repeating: 1, count: count), "\(count) items, \(workers) workers")
            // Worker w takes the w-th contiguous slice: the split depends only on the sizes.
            #expect(workerOf == workerOf.sorted(), "\(count) items, \(workers) workers")
        }
    }

    @Test func counterHandsOutEachValueOnce() {
        let counter = AtomicCounter()
        let values = Parallel.map(Array(0..<1000), jobs: 8) { _ in counter.next() }
        #expect(Set(values).count == 1000 && values.allSatisfy { (0..<1000).contains($0) })
        #expect(counter.increment() == 1001)
    }

    @Test func stopFlagStaysRaised() {
        let stop = StopFlag()
        #expect(!stop.isSet)
        let ran = AtomicCounter()
        Parallel.forEach(100, jobs: 4) { i in
            if stop.isSet { return }
            _ = ran.next()
            if i == 10 { stop.set() }
        }
        #expect(stop.isSet && ran.next() < 100)
    }
}
