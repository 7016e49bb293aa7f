import DmanCore
import Foundation

/// Sliced Wasserstein distance between two image sets on Laplacian-pyramid
/// patches, as ProGAN's `metrics/sliced_wasserstein.py` (Karras et al. 2018).
///
/// Per pyramid level (from full size down to 16 px): 128 random 7×7×3
/// neighbourhoods per image; descriptors normalised per set, level and channel
/// (subtract the mean, divide by the population std); then 4 repeats of 128
/// random unit directions, projections sorted per direction, mean absolute
/// difference of the sorted projections, averaged over repeats, ×1e3. The
/// result is that value per level and the mean over levels. Lower is better;
/// values are comparable only for the same image size, count and seed.
///
/// Seeding (the one deliberate difference from ProGAN's single numpy stream):
/// patch centres for image `i` at level `l` come from
/// `SplitMix64.derived(seed:item:"l/i", stage:"swd-positions")` (all x, then all
/// y), so the same seed gives the same centres to real image `i` and fake image
/// `i` (identical sets give exactly 0), and directions of repeat `r` come from
/// `derived(seed:item:"l/r", stage:"swd-directions")` (Box–Muller normals,
/// row-major 147 × 128). `bench/gan-extras/swd_reference.py` (NumPy) follows the
/// same recipe.
///
///     let swd = try SlicedWasserstein.distance(real: reals, fake: fakes, seed: 1)
///     print(swd.perLevel, swd.average)
public enum SlicedWasserstein {
    /// ProGAN's constants.
    public struct Configuration: Sendable, Equatable {
        public var neighbourhoodSize = 7
        public var neighbourhoodsPerImage = 128
        public var directionRepeats = 4
        public var directionsPerRepeat = 128
        /// Levels stop when the size would drop below this.
        public var minimumResolution = 16
        /// Worker threads (`--jobs`); the result does not depend on it.
        public var jobs = Parallel.defaultJobs
        public init() {}
        /// The values ProGAN uses.
        public static let progan = Configuration()
    }

    /// The distance per level (finest first, ×1e3) and their mean.
    ///
    /// Both sets must hold the same number of images, all of one size whose
    /// height and width are divisible by 2^(levels−1). RGB is used (images
    /// with alpha are flattened onto black first), values 0…255 as in ProGAN.
    public static func distance(real: [PixelImage], fake: [PixelImage], seed: UInt64,
                                configuration: Configuration = .progan) throws(SlicedWassersteinError)
        -> (perLevel: [Double], average: Double) {
        guard !real.isEmpty, real.count == fake.count else {
            throw .countMismatch(real: real.count, fake: fake.count)
        }
        let (h, w) = (real[0].height, real[0].width)
        for image in real + fake where image.width != w || image.height != h {
            throw .sizeMismatch(expected: "\(w)x\(h)", found: "\(image.width)x\(image.height)")
        }
        let levels = levelCount(height: h, configuration)
        guard levels > 0, h % (1 << (levels - 1)) == 0, w % (1 << (levels - 1)) == 0,
              min(h, w) >> (levels - 1) >= configuration.neighbourhoodSize else {
            throw .unsupportedSize("\(w)x\(h)")
        }
        let realPyramid = pyramid(of: real, levels: levels, jobs: configuration.jobs)
        let fakePyramid = pyramid(of: fake, levels: levels, jobs: configuration.jobs)
        let dims = 3 * configuration.neighbourhoodSize * configuration.neighbourhoodSize
        var perLevel: [Double] = []
        for level in 0..<levels {  // one level's descriptors in memory at a time
            let realDesc = descriptors(realPyramid[level], images: real.count, h: h >> level, w: w >> level,
                                       level: level, seed: seed, configuration)
            let fakeDesc = descriptors(fakePyramid[level], images: fake.count, h: h >> level, w: w >> level,
                                       level: level, seed: seed, configuration)
            var total = 0.0
            for r in 0..<configuration.directionRepeats {
                let dirs = directions(dims: dims, count: configuration.directionsPerRepeat, seed: seed, level: level, repeat: r)
                total += slicedDistance(realDesc, fakeDesc, dims: dims, dirs: dirs, count: configuration.directionsPerRepeat,
                                        jobs: configuration.jobs)
            }
            perLevel.append(total / Double(configuration.directionRepeats) * 1e3)
        }
        return (perLevel, perLevel.reduce(0, +) / Double(perLevel.count))
    }

    /// Number of levels for images `height` high: ProGAN's `while res >= 16: res //= 2`.
    public static func levelCount(height: Int, _ configuration: Configuration = .progan) -> Int {
        var res = height, n = 0
        while res >= configuration.minimumResolution { n += 1; res /= 2 }
        return n
    }

    /// The Laplacian pyramid of the images' RGB values (0…255), finest first.
    static func pyramid(of images: [PixelImage], levels: Int, jobs: Int) -> [[Float]] {
        let (h, w) = (images[0].height, images[0].width)
        var batch = [Float](repeating: 0, count: images.count * 3 * h * w)
        for (i, image) in images.enumerated() {
            let rgb = image.flattened(onto: .black)
            for p in 0..<(h * w) {
                for c in 0..<3 { batch[(i * 3 + c) * h * w + p] = Float(rgb.pixels[p * 3 + c]) }
            }
        }
        return LaplacianPyramid.build(batch, planes: images.count * 3, h: h, w: w, levels: levels, jobs: jobs)
    }

    /// Normalised descriptors of one level: `[neighbourhood][c][dy][dx]`.
    static func descriptors(_ level: [Float], images: Int, h: Int, w: Int, level l: Int, seed: UInt64,
                            _ cfg: Configuration) -> [Float] {
        var desc = extract(level, images: images, h: h, w: w, level: l, seed: seed, cfg)
        normalise(&desc, channels: 3, perChannel: cfg.neighbourhoodSize * cfg.neighbourhoodSize)
        return desc
    }

    /// ProGAN's `get_descriptors_for_minibatch` with seeded centres.
    static func extract(_ level: [Float], images: Int, h: Int, w: Int, level l: Int, seed: UInt64,
                        _ cfg: Configuration) -> [Float] {
        let k = cfg.neighbourhoodSize, half = k / 2, per = cfg.neighbourhoodsPerImage
        let dims = 3 * k * k
        var out = [Float](repeating: 0, count: images * per * dims)
        for i in 0..<images {
            let (xs, ys) = centres(image: i, level: l, count: per, h: h, w: w, half: half, seed: seed)
            for j in 0..<per {
                var o = (i * per + j) * dims
                for c in 0..<3 {
                    let plane = (i * 3 + c) * h * w
                    for dy in -half...half {
                        let row = plane + (ys[j] + dy) * w + xs[j]
                        for dx in -half...half { out[o] = level[row + dx]; o += 1 }
                    }
                }
            }
        }
        return out
    }

    /// Patch centres of one image at one level: x in `half ..< w−half`, then y.
    static func centres(image: Int, level: Int, count: Int, h: Int, w: Int, half: Int, seed: UInt64) -> ([Int], [Int]) {
        var rng = SplitMix64.derived(seed: seed, item: "\(level)/\(image)", stage: "swd-positions")
        let xs = (0..<count).map { _ in half + Int(rng.next() % UInt64(w - 2 * half)) }
        let ys = (0..<count).map { _ in half + Int(rng.next() % UInt64(h - 2 * half)) }
        return (xs, ys)
    }

    /// ProGAN's `finalize_descriptors`: per channel, subtract the mean and divide
    /// by the population std over all neighbourhoods and positions.
    static func normalise(_ desc: inout [Float], channels: Int, perChannel: Int) {
        let dims = channels * perChannel, n = desc.count / dims
        for c in 0..<channels {
            var sum = 0.0, sq = 0.0
            for i in 0..<n {
                for k in 0..<perChannel { let v = Double(desc[i * dims + c * perChannel + k]); sum += v; sq += v * v }
            }
            let count = Double(n * perChannel), mean = sum / count
            let std = max(sq / count - mean * mean, 0).squareRoot()
            let (m, inv) = (Float(mean), Float(std > 0 ? 1 / std : 1))
            for i in 0..<n {
                for k in 0..<perChannel { let o = i * dims + c * perChannel + k; desc[o] = (desc[o] - m) * inv }
            }
        }
    }

    /// Unit directions `[component][direction]` (ProGAN: randn, normalised per
    /// direction, cast to float32).
    static func directions(dims: Int, count: Int, seed: UInt64, level: Int, repeat r: Int) -> [Float] {
        var rng = SplitMix64.derived(seed: seed, item: "\(level)/\(r)", stage: "swd-directions")
        var d = (0..<(dims * count)).map { _ in SpectralNorm.gaussian(&rng) }
        for j in 0..<count {
            var s = 0.0
            for k in 0..<dims { s += d[k * count + j] * d[k * count + j] }
            let inv = 1 / s.squareRoot()
            for k in 0..<dims { d[k * count + j] *= inv }
        }
        return d.map { Float($0) }
    }
}

/// Why a sliced Wasserstein distance could not be computed.
public enum SlicedWassersteinError: Error, Sendable, Equatable, CustomStringConvertible {
    case countMismatch(real: Int, fake: Int)
    case sizeMismatch(expected: String, found: String)
    case unsupportedSize(String)

    public var description: String {
        switch self {
        case .countMismatch(let r, let f):
            "sliced Wasserstein: need the same non-zero number of real and fake images (got \(r) and \(f))"
        case .sizeMismatch(let e, let f):
            "sliced Wasserstein: all images must be \(e), found one \(f)"
        case .unsupportedSize(let s):
            "sliced Wasserstein: image size \(s) must be at least 16 px and halve evenly down to 16 px"
        }
    }
}
