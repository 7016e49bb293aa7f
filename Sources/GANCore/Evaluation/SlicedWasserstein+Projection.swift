import DmanCore

extension SlicedWasserstein {
    /// ProGAN's `sliced_wasserstein` for one repeat: project both descriptor
    /// sets on `count` directions, sort each direction's projections, and
    /// return the mean absolute difference over neighbourhoods and directions.
    static func slicedDistance(_ a: [Float], _ b: [Float], dims: Int, dirs: [Float], count: Int) -> Double {
        let n = a.count / dims
        precondition(a.count == b.count && n * dims == a.count)
        var projA = project(a, n: n, dims: dims, dirs: dirs, count: count)
        var projB = project(b, n: n, dims: dims, dirs: dirs, count: count)
        var perDirection = [Double](repeating: 0, count: count)
        projA.withSharedPointer { pa in
            projB.withSharedPointer { pb in
                perDirection.withSharedPointer { out in
                    Parallel.forEach(count) { d in
                        var colA = [Float](repeating: 0, count: n), colB = colA
                        for i in 0..<n { colA[i] = pa.base[i * count + d]; colB[i] = pb.base[i * count + d] }
                        colA.sort()
                        colB.sort()
                        var s = 0.0
                        for i in 0..<n { s += Double(abs(colA[i] - colB[i])) }
                        out.base[d] = s
                    }
                }
            }
        }
        return perDirection.reduce(0, +) / Double(n * count)
    }

    /// `desc (n × dims) · dirs (dims × count)`, row-major result, in parallel
    /// blocks of rows (inner loop over contiguous directions vectorises).
    static func project(_ desc: [Float], n: Int, dims: Int, dirs: [Float], count: Int) -> [Float] {
        var out = [Float](repeating: 0, count: n * count)
        let block = 256
        desc.withUnsafeBufferPointer { dp in
            dirs.withUnsafeBufferPointer { wp in
                let src = EvaluationSharedPointer(base: UnsafeMutablePointer(mutating: dp.baseAddress!))
                let w = EvaluationSharedPointer(base: UnsafeMutablePointer(mutating: wp.baseAddress!))
                out.withSharedPointer { o in
                    Parallel.forEach((n + block - 1) / block) { bi in
                        for i in (bi * block)..<min(n, (bi + 1) * block) {
                            let row = o.base + i * count
                            for k in 0..<dims {
                                let v = src.base[i * dims + k]
                                let wr = w.base + k * count
                                for d in 0..<count { row[d] += v * wr[d] }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
