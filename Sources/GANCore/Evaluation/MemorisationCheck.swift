import DmanCore

/// Memorisation check: the nearest training images of each generated sample,
/// and how many samples sit closer to a training image than training images
/// sit to each other.
///
/// Distance: mean squared difference of the two images after flattening
/// alpha onto black, area-averaging to 32×32 RGB and mapping values to
/// [-1, 1] (so 0 is identical, 4 is the maximum). Small shifts and noise
/// count; colour swaps and flips do not hide a copy from the eye but do here.
///
/// Threshold: the `percentile`-th percentile (default 5, linear interpolation
/// as NumPy) of the training set's leave-one-out nearest-neighbour distances.
/// A sample is *memorised* when its nearest distance is ≤ the threshold. A
/// generator that samples the data distribution without copying scores about
/// `percentile/100`; one that reproduces training images scores near 1.
///
///     let report = try MemorisationCheck.run(samples: grid, training: reals)
///     let image = MemorisationCheck.nearestGrid(samples: grid, training: reals, report: report)
///     try AtomicFile.write(ImageCodec.pngData(image), to: run.appending(path: "nearest.png"))
public enum MemorisationCheck {
    /// Side of the downsampled comparison image.
    public static let side = 32

    /// The comparison features: 32×32 RGB area averages in [-1, 1], `[y][x][c]`.
    public static func features(_ image: PixelImage) -> [Float] {
        let rgb = image.flattened(onto: .black)
        var out = [Float](repeating: 0, count: side * side * 3)
        for ty in 0..<side {
            let y0 = ty * rgb.height / side, y1 = max(y0 + 1, (ty + 1) * rgb.height / side)
            for tx in 0..<side {
                let x0 = tx * rgb.width / side, x1 = max(x0 + 1, (tx + 1) * rgb.width / side)
                var sum = (0, 0, 0)
                for y in y0..<y1 {
                    for x in x0..<x1 {
                        let o = (y * rgb.width + x) * 3
                        sum.0 += Int(rgb.pixels[o]); sum.1 += Int(rgb.pixels[o + 1]); sum.2 += Int(rgb.pixels[o + 2])
                    }
                }
                let n = Float((y1 - y0) * (x1 - x0)) * 127.5
                let o = (ty * side + tx) * 3
                out[o] = Float(sum.0) / n - 1; out[o + 1] = Float(sum.1) / n - 1; out[o + 2] = Float(sum.2) / n - 1
            }
        }
        return out
    }

    /// Mean squared difference of two feature vectors.
    public static func distance(_ a: [Float], _ b: [Float]) -> Double {
        precondition(a.count == b.count)
        return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in squaredDistance(pa, pb) } }
            / Double(a.count)
    }

    /// Nearest and second-nearest training images of every sample, the
    /// training set's own nearest-neighbour threshold, and the memorised fraction.
    public static func run(samples: [PixelImage], training: [PixelImage],
                           percentile: Double = 5,
                           jobs: Int = Parallel.defaultJobs) throws(MemorisationError) -> MemorisationReport {
        guard !samples.isEmpty else { throw .noSamples }
        guard training.count >= 2 else { throw .tooFewTrainingImages(training.count) }
        let train = Parallel.map(training, jobs: jobs, features)
        let fakes = Parallel.map(samples, jobs: jobs, features)
        // Leave-one-out nearest distance of each training image.
        let selfNearest = Parallel.map(Array(train.indices), jobs: jobs) { i in
            nearestTwo(train[i], in: train, excluding: i).first.distance
        }
        let threshold = percentileValue(selfNearest, percentile)
        let hits = Parallel.map(fakes, jobs: jobs) { nearestTwo($0, in: train, excluding: nil) }
        let memorised = hits.map { $0.first.distance <= threshold }
        return MemorisationReport(
            nearest: hits.map(\.first.index), nearestDistance: hits.map(\.first.distance),
            secondNearest: hits.map(\.second.index), secondDistance: hits.map(\.second.distance),
            threshold: threshold, percentile: percentile, memorised: memorised,
            memorisedFraction: Double(memorised.filter { $0 }.count) / Double(samples.count))
    }

    /// NumPy-style percentile (linear interpolation between order statistics).
    static func percentileValue(_ values: [Double], _ p: Double) -> Double {
        let s = values.sorted()
        let pos = min(max(p, 0), 100) / 100 * Double(s.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (s[hi] - s[lo]) * (pos - Double(lo))
    }

    private static func nearestTwo(_ q: [Float], in set: [[Float]], excluding: Int?)
        -> (first: (index: Int, distance: Double), second: (index: Int, distance: Double)) {
        var first = (index: -1, distance: Double.infinity), second = first
        q.withUnsafeBufferPointer { pq in
            for (j, t) in set.enumerated() where j != excluding {
                let d = t.withUnsafeBufferPointer { squaredDistance(pq, $0) } / Double(q.count)
                if d < first.distance { second = first; first = (j, d) } else if d < second.distance { second = (j, d) }
            }
        }
        return (first, second)
    }

    /// Σ(a−b)², accumulated in SIMD lanes.
    static func squaredDistance(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>) -> Double {
        var acc = SIMD16<Float>(repeating: 0)
        let n = a.count, blocks = n / 16
        let ra = UnsafeRawPointer(a.baseAddress!), rb = UnsafeRawPointer(b.baseAddress!)
        for k in 0..<blocks {
            let va = ra.loadUnaligned(fromByteOffset: k * 64, as: SIMD16<Float>.self)
            let vb = rb.loadUnaligned(fromByteOffset: k * 64, as: SIMD16<Float>.self)
            let d = va - vb
            acc += d * d
        }
        var s = Double(acc.sum())
        for i in (blocks * 16)..<n { let d = Double(a[i] - b[i]); s += d * d }
        return s
    }
}

/// Result of ``MemorisationCheck/run(samples:training:percentile:jobs:)``; index `i`
/// belongs to sample `i`.
public struct MemorisationReport: Sendable, Equatable, Codable {
    /// Index of the nearest training image.
    public var nearest: [Int]
    /// Its distance (mean squared difference at 32×32, values in [-1, 1]).
    public var nearestDistance: [Double]
    /// Index of the second-nearest training image.
    public var secondNearest: [Int]
    /// Its distance.
    public var secondDistance: [Double]
    /// The training set's `percentile`-th nearest-neighbour distance.
    public var threshold: Double
    /// The percentile used for ``threshold``.
    public var percentile: Double
    /// Whether each sample's nearest distance is ≤ ``threshold``.
    public var memorised: [Bool]
    /// Fraction of samples flagged in ``memorised``.
    public var memorisedFraction: Double
}

/// Why a memorisation check could not run.
public enum MemorisationError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSamples
    case tooFewTrainingImages(Int)

    public var description: String {
        switch self {
        case .noSamples: "memorisation check: no generated samples"
        case .tooFewTrainingImages(let n): "memorisation check: needs at least 2 training images, got \(n)"
        }
    }
}
