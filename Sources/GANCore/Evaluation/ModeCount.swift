import DmanCore

/// Mode-collapse detector: counts distinct clusters of perceptual hashes for
/// generated and for real images and compares the two.
///
/// Clusters are the connected components of the graph joining two hashes whose
/// Hamming distance is ≤ `threshold` (single linkage, computed by union–find
/// over all pairs). Unlike greedy leader clustering this does not depend on
/// the order of the images; a chain of near neighbours counts as one mode.
///
/// Rule: collapse is likely when the fake set's modes per image fall below
/// `collapseRatio` (default 0.5) times the real set's modes per image; with
/// equal counts that is `fakeModes < 0.5 · realModes`.
///
///     let report = ModeCount.report(fake: samples, real: reals, threshold: 10, hash: pHash)
///     if report.likelyCollapse { console.warning(report.message) }
///     // "modes 9/256 vs data 181/256: likely mode collapse"
public enum ModeCount {
    /// Number of clusters among `hashes` at Hamming distance ≤ `threshold`.
    public static func clusters(hashes: [UInt64], threshold: Int) -> Int {
        Set(clusterLabels(hashes: hashes, threshold: threshold)).count
    }

    /// Cluster label (the smallest member index) of each hash.
    public static func clusterLabels(hashes: [UInt64], threshold: Int) -> [Int] {
        var parent = Array(hashes.indices)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for i in hashes.indices {
            for j in (i + 1)..<hashes.count where (hashes[i] ^ hashes[j]).nonzeroBitCount <= threshold {
                let (a, b) = (find(i), find(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        return hashes.indices.map { find($0) }
    }

    /// Compares precomputed hashes of generated (`fake`) and real images.
    public static func report(fakeHashes: [UInt64], realHashes: [UInt64], threshold: Int,
                              collapseRatio: Double = 0.5) -> ModeCountReport {
        ModeCountReport(fakeModes: clusters(hashes: fakeHashes, threshold: threshold), fakeCount: fakeHashes.count,
                        realModes: clusters(hashes: realHashes, threshold: threshold), realCount: realHashes.count,
                        threshold: threshold, collapseRatio: collapseRatio)
    }

    /// Hashes both sets with `hash` (in parallel) and compares them.
    public static func report(fake: [PixelImage], real: [PixelImage], threshold: Int, collapseRatio: Double = 0.5,
                              jobs: Int = Parallel.defaultJobs,
                              hash: @escaping @Sendable (PixelImage) -> UInt64) -> ModeCountReport {
        report(fakeHashes: Parallel.map(fake, jobs: jobs, hash), realHashes: Parallel.map(real, jobs: jobs, hash),
               threshold: threshold, collapseRatio: collapseRatio)
    }
}

/// The outcome of one mode count (one `losses.csv` row's worth).
public struct ModeCountReport: Sendable, Equatable, Codable {
    /// Distinct clusters among the generated images.
    public var fakeModes: Int
    /// Number of generated images hashed.
    public var fakeCount: Int
    /// Distinct clusters among the real images.
    public var realModes: Int
    /// Number of real images hashed.
    public var realCount: Int
    /// Hamming threshold used.
    public var threshold: Int
    /// Fraction of the data's modes (per image) below which collapse is flagged.
    public var collapseRatio: Double

    public init(fakeModes: Int, fakeCount: Int, realModes: Int, realCount: Int, threshold: Int, collapseRatio: Double) {
        self.fakeModes = fakeModes
        self.fakeCount = fakeCount
        self.realModes = realModes
        self.realCount = realCount
        self.threshold = threshold
        self.collapseRatio = collapseRatio
    }

    /// `fakeModes/fakeCount < collapseRatio · realModes/realCount`.
    public var likelyCollapse: Bool {
        guard fakeCount > 0, realCount > 0 else { return false }
        return Double(fakeModes) / Double(fakeCount) < collapseRatio * Double(realModes) / Double(realCount)
    }

    /// `modes 9/256 vs data 181/256: likely mode collapse` (no suffix when fine).
    public var message: String {
        "modes \(fakeModes)/\(fakeCount) vs data \(realModes)/\(realCount)" + (likelyCollapse ? ": likely mode collapse" : "")
    }
}
