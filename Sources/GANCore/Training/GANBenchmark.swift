import DmanCore
import Foundation

/// Times DCGAN training iterations and generator inference on synthetic data
/// (what `dman bench train` reports).
///
/// Uses random real images in [−1, 1], so no dataset is needed. GEMM time and
/// work are measured with ``GEMMProfile`` in separate, profiled iterations so
/// the timed ones carry no accounting overhead.
public enum GANBenchmark {
    /// What one benchmark run measured.
    public struct Result: Sendable, Codable {
        public var config: DCGANConfig
        public var threads: Int
        /// Wall-clock seconds of each timed iteration.
        public var iterationSeconds: [Double]
        /// Median of ``iterationSeconds``.
        public var medianIterationSeconds: Double
        /// Floating-point operations of all GEMMs in one iteration (2·M·N·K each).
        public var gemmFlopsPerIteration: Double
        /// Seconds spent inside GEMM in one profiled iteration.
        public var gemmSecondsPerIteration: Double
        /// Seconds to generate ``inferenceImages`` images (inference mode, median of 3).
        public var inferenceSeconds: Double
        public var inferenceImages: Int
        /// GEMM work divided by the median iteration time.
        public var effectiveGFLOPS: Double { gemmFlopsPerIteration / medianIterationSeconds / 1e9 }
        /// GEMM work divided by time inside GEMM.
        public var gemmGFLOPS: Double { gemmFlopsPerIteration / gemmSecondsPerIteration / 1e9 }
    }

    /// Runs `warmup` untimed and `iterations` timed iterations, one profiled
    /// iteration, then times generating `inferenceImages` images.
    public static func run(config: DCGANConfig, iterations: Int = 5, warmup: Int = 1, inferenceImages: Int = 100,
                           threads: Int? = nil, progress: ((String) -> Void)? = nil) -> Result {
        Compute.setThreads(threads ?? config.threads ?? Parallelism.defaultThreads)
        let model = DCGAN(config: config)
        let n = config.batchSize, s = config.imageSize
        let real = Tensor(shape: [3, n, s, s])
        var rng = SplitMix64(seed: config.seed ^ 0xB0B)
        for i in 0..<real.count { real[i] = Float(rng.nextUnitDouble() * 2 - 1) }
        let z = Tensor(shape: [n, config.zDim])
        var times: [Double] = []
        for i in 0..<(warmup + iterations) {
            Initialization.fillLatent(z, distribution: config.zDistribution, rng: &rng)
            let t0 = DispatchTime.now().uptimeNanoseconds
            let losses = model.trainIteration(real: real, z: z)
            let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
            if i >= warmup { times.append(dt) }
            progress?(String(format: "iteration %d: %.3f s (d %.3f, g %.3f)%@", i + 1, dt, losses.discriminator,
                             losses.generator, i < warmup ? " [warm-up]" : ""))
        }
        GEMMProfile.reset()
        GEMMProfile.enabled = true
        model.trainIteration(real: real, z: z)
        GEMMProfile.enabled = false
        let flops = GEMMProfile.flops, gemmSeconds = GEMMProfile.seconds
        let zi = Tensor(shape: [inferenceImages, config.zDim])
        Initialization.fillLatent(zi, distribution: config.zDistribution, rng: &rng)
        var inf: [Double] = []
        for _ in 0..<4 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = model.generator.forward(zi, training: false)
            inf.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
        }
        return Result(config: config, threads: Compute.threads, iterationSeconds: times, medianIterationSeconds: median(times),
                      gemmFlopsPerIteration: flops, gemmSecondsPerIteration: gemmSeconds,
                      inferenceSeconds: median(Array(inf.dropFirst())), inferenceImages: inferenceImages)
    }

    static func median(_ v: [Double]) -> Double {
        guard !v.isEmpty else { return 0 }
        let s = v.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

extension GANBenchmark {
    /// GFLOP/s of one square `size³` product through ``GEMM`` (best of `repeats`):
    /// the machine's practical sgemm peak that training efficiency is judged against.
    public static func sgemmPeak(size: Int = 2048, repeats: Int = 5, threads: Int? = nil) -> Double {
        Compute.setThreads(threads ?? Parallelism.defaultThreads)
        let a = Tensor(shape: [size, size]), b = Tensor(shape: [size, size]), c = Tensor(shape: [size, size])
        var rng = SplitMix64(seed: 3)
        for i in 0..<a.count { a[i] = Float(rng.nextUnitDouble() - 0.5); b[i] = Float(rng.nextUnitDouble() - 0.5) }
        var best = Double.infinity
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            GEMM.multiply(m: size, n: size, k: size, a: a.data, lda: size, b: b.data, ldb: size, c: c.data, ldc: size)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
        }
        return 2 * pow(Double(size), 3) / best / 1e9
    }
}
