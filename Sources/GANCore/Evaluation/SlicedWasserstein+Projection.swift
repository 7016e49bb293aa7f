import DmanCore

extension SlicedWasserstein {
    /// ProGAN's `sliced_wasserstein` for one repeat: project both descriptor
    /// sets on `count` directions, sort each direction's projections, and
    /// return the mean absolute difference over neighbourhoods and directions.
    static func slicedDistance(_ a: [Float], _ b: [Float], dims: Int, dirs: [Float], count: Int,
                               jobs: Int = Parallel.defaultJobs) -> Double {
        let n = a.count / dims
        precondition(a.count == b.count && n * dims == a.count)
        var projA = project(a, n: n, dims: dims, dirs: dirs, count: count, jobs: jobs)
        var projB = project(b, n: n, dims: dims, dirs: dirs, count: count, jobs: jobs)
        var perDirection = [Double](repeating: 0, count: count)
        projA.withSharedPointer { pa in
            projB.withSharedPointer { pb in
                perDirection.withSharedPointer { out in
                    // Each worker takes a stripe of directions with its own sort scratch.
                    let workers = max(1, min(count, jobs))
                    Parallel.forEach(workers) { wk in
                        let keys = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * n)
                        defer { keys.deallocate() }
                        for d in stride(from: wk, to: count, by: workers) {
                            let colA = pa.p + d * n, colB = pb.p + d * n
                            FloatRadixSort.sort(colA, count: n, scratch: keys)
                            FloatRadixSort.sort(colB, count: n, scratch: keys)
                            var s = 0.0
                            for i in 0..<n { s += Double(abs(colA[i] - colB[i])) }
                            out.p[d] = s
                        }
                    }
                }
            }
        }
        return perDirection.reduce(0, +) / Double(n * count)
    }

    /// `desc (n × dims) · dirs (dims × count)`, stored direction-major
    /// (`[count][n]`, ready for sorting), in parallel blocks of rows; 32
    /// directions at a time are accumulated in SIMD registers.
    static func project(_ desc: [Float], n: Int, dims: Int, dirs: [Float], count: Int,
                        jobs: Int = Parallel.defaultJobs) -> [Float] {
        var out = [Float](repeating: 0, count: n * count)
        let block = 256, lanes = 32
        desc.withUnsafeBufferPointer { dp in
            dirs.withUnsafeBufferPointer { wp in
                let src = SharedPointer(UnsafeMutablePointer(mutating: dp.baseAddress!))
                let w = SharedPointer(UnsafeMutablePointer(mutating: wp.baseAddress!))
                out.withSharedPointer { o in
                    Parallel.forEach((n + block - 1) / block, jobs: jobs) { bi in
                        let raw = UnsafeRawPointer(w.p)
                        for i in (bi * block)..<min(n, (bi + 1) * block) {
                            let row = src.p + i * dims
                            var d0 = 0
                            while d0 + lanes <= count {
                                var acc0 = SIMD16<Float>(repeating: 0), acc1 = acc0
                                for k in 0..<dims {
                                    let v = SIMD16<Float>(repeating: row[k])
                                    let off = (k * count + d0) * 4
                                    acc0 += v * raw.loadUnaligned(fromByteOffset: off, as: SIMD16<Float>.self)
                                    acc1 += v * raw.loadUnaligned(fromByteOffset: off + 64, as: SIMD16<Float>.self)
                                }
                                for l in 0..<16 {
                                    o.p[(d0 + l) * n + i] = acc0[l]
                                    o.p[(d0 + 16 + l) * n + i] = acc1[l]
                                }
                                d0 += lanes
                            }
                            for d in d0..<count {  // directions beyond a multiple of 32
                                var s: Float = 0
                                for k in 0..<dims { s += row[k] * w.p[k * count + d] }
                                o.p[d * n + i] = s
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
