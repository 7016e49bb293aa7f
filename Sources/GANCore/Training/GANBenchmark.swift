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
        /// Wall-clock seconds of the profiled iteration.
        public var profiledIterationSeconds: Double
        /// Time per layer and pass in the profiled iteration, slowest first.
        public var layers: [LayerTime]
        /// GEMM work divided by the median iteration time.
        public var effectiveGFLOPS: Double { gemmFlopsPerIteration / medianIterationSeconds / 1e9 }
        /// GEMM work divided by time inside GEMM.
        public var gemmGFLOPS: Double { gemmFlopsPerIteration / gemmSecondsPerIteration / 1e9 }
    }

    /// Seconds one layer's forward or backward took in the profiled iteration.
    public struct LayerTime: Sendable, Codable {
        /// "Type name pass", e.g. "Conv2d d_h1_conv backward".
        public var layer: String
        public var seconds: Double
        /// Part of ``seconds`` inside GEMM.
        public var gemmSeconds: Double
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
        LayerProfile.reset()
        GEMMProfile.enabled = true
        LayerProfile.enabled = true
        let p0 = DispatchTime.now().uptimeNanoseconds
        model.trainIteration(real: real, z: z)
        let profiledSeconds = Double(DispatchTime.now().uptimeNanoseconds - p0) * 1e-9
        GEMMProfile.enabled = false
        LayerProfile.enabled = false
        let breakdown = LayerProfile.seconds.map { LayerTime(layer: $0.key, seconds: $0.value.total, gemmSeconds: $0.value.gemm) }
            .sorted { $0.seconds > $1.seconds }
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
                      inferenceSeconds: median(Array(inf.dropFirst())), inferenceImages: inferenceImages,
                      profiledIterationSeconds: profiledSeconds, layers: breakdown)
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

extension GANBenchmark {
    /// Seconds per call of im2col and col2im for a 5×5 stride-2 "SAME" conv reading
    /// `[channels, batch, size, size]` (best of `repeats`), to size the lowering's cost.
    public static func loweringSeconds(channels: Int, size: Int, batch: Int = 64, repeats: Int = 5,
                                       threads: Int? = nil, afterGEMM: Bool = false) -> (im2col: Double, col2im: Double) {
        Compute.setThreads(threads ?? Parallelism.defaultThreads)
        let (o, p) = ConvPadding.same.convolution(size: size, kernel: 5, stride: 2)
        let g = ConvGeometry(channels: channels, height: size, width: size, kernelY: 5, kernelX: 5, strideY: 2, strideX: 2,
                             padTop: p, padLeft: p, outHeight: o, outWidth: o)
        let img = Tensor(shape: [channels, batch, size, size]), col = Tensor(shape: [g.rows, batch * o * o])
        let plan = Im2Col(g)
        var a = Double.infinity, b = Double.infinity
        let gm = Tensor(shape: [512, 512])
        for _ in 0..<repeats {
            if afterGEMM {  // as in training: OpenBLAS's workers have just finished a product
                GEMM.multiply(m: 512, n: 512, k: 512, a: gm.data, lda: 512, b: gm.data, ldb: 512, c: gm.data, ldc: 512)
            }
            var t0 = DispatchTime.now().uptimeNanoseconds
            plan.im2col(batch: batch, image: img.data, col: col.data)
            a = min(a, Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
            if afterGEMM {
                GEMM.multiply(m: 512, n: 512, k: 512, a: gm.data, lda: 512, b: gm.data, ldb: 512, c: gm.data, ldc: 512)
            }
            t0 = DispatchTime.now().uptimeNanoseconds
            plan.col2im(batch: batch, col: col.data, image: img.data)
            b = min(b, Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
        }
        return (a, b)
    }
}

extension GANBenchmark {
    /// A model with synthetic data that runs one timed iteration or inference
    /// at a time, so a driver can alternate it with another implementation
    /// (bench/gan/alternate.py) and expose both to the same machine load.
    public final class Session: @unchecked Sendable {
        public let model: DCGAN
        private let real: Tensor
        private let z: Tensor
        private var rng: SplitMix64

        public init(config: DCGANConfig, threads: Int? = nil) {
            Compute.setThreads(threads ?? config.threads ?? Parallelism.defaultThreads)
            model = DCGAN(config: config)
            let n = config.batchSize, s = config.imageSize
            real = Tensor(shape: [3, n, s, s])
            rng = SplitMix64(seed: config.seed ^ 0xB0B)
            for i in 0..<real.count { real[i] = Float(rng.nextUnitDouble() * 2 - 1) }
            z = Tensor(shape: [n, config.zDim])
        }

        /// Seconds of one training iteration (fresh z each time).
        public func iteration() -> Double {
            Initialization.fillLatent(z, distribution: model.config.zDistribution, rng: &rng)
            let t0 = DispatchTime.now().uptimeNanoseconds
            model.trainIteration(real: real, z: z)
            return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        }

        /// Answers one request of `dman bench train --serve`: `it` (one training
        /// iteration), `inf` (100 images), `inf1` (one image, the latency); nil for
        /// anything else, which ends the session.
        public func answer(_ request: String) -> Double? {
            switch request {
            case "it": iteration()
            case "inf": inference(count: 100)
            case "inf1": inference(count: 1)
            default: nil
            }
        }

        /// Seconds to generate `count` images in one inference pass.
        public func inference(count: Int) -> Double {
            let zi = Tensor(shape: [count, model.config.zDim])
            Initialization.fillLatent(zi, distribution: model.config.zDistribution, rng: &rng)
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = model.generator.forward(zi, training: false)
            return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        }
    }
}
