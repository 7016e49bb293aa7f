import ArgumentParser
import DmanCore
import Foundation
import GANCore

/// `dman bench`: performance measurements.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure dman's speed on this machine.",
        subcommands: [Train.self]
    )

    /// `dman bench train`: DCGAN iteration time, GFLOP/s against sgemm peak, inference time.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "train",
            abstract: "Time DCGAN training iterations and 100-image inference on random data.",
            discussion: "Compare with PyTorch in the same run: bench/gan/README.md."
        )
        @Option(help: ArgumentHelp("Image size.", valueName: "px")) var size = 64
        @Option(help: ArgumentHelp("Images per minibatch.", valueName: "n")) var batch = 64
        @Option(help: ArgumentHelp("Length of z.", valueName: "n")) var zDim = 100
        @Option(help: ArgumentHelp("Generator and discriminator width.", valueName: "n")) var width = 64
        @Option(help: ArgumentHelp("Timed iterations.", valueName: "n")) var iterations = 5
        @Option(help: ArgumentHelp("Untimed warm-up iterations.", valueName: "n")) var warmup = 1
        @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n")) var threads: Int?
        @Flag(help: "Skip the sgemm peak measurement.") var noPeak = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let console = global.console()
            var config = DCGANConfig()
            config.imageSize = size; config.batchSize = batch; config.zDim = zDim
            config.generatorWidth = width; config.discriminatorWidth = width
            do { try config.validate() } catch {
                console.error(error.description)
                throw DmanExit.fatal
            }
            let t = threads ?? global.resolvedJobs
            let r = GANBenchmark.run(config: config, iterations: iterations, warmup: warmup, threads: t) { line in
                if !console.json && !console.quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            }
            let peak = noPeak ? nil : GANBenchmark.sgemmPeak(threads: t)
            console.emitJSON(Summary(result: r, sgemmPeakGFLOPS: peak))
            console.say(String(format: "%.3f s/iteration (median of %d) at %d×%d, batch %d, z %d, %d threads",
                               r.medianIterationSeconds, r.iterationSeconds.count, size, size, batch, zDim, r.threads))
            console.say(String(format: "GEMM %.1f GFLOP/iteration: %.1f GFLOP/s inside GEMM, %.1f GFLOP/s effective",
                               r.gemmFlopsPerIteration / 1e9, r.gemmGFLOPS, r.effectiveGFLOPS))
            if let peak {
                console.say(String(format: "sgemm 2048³ peak %.1f GFLOP/s: effective is %.0f%% of peak", peak, r.effectiveGFLOPS / peak * 100))
            }
            console.say(String(format: "inference: %d images in %.3f s", r.inferenceImages, r.inferenceSeconds))
        }

        struct Summary: Encodable {
            var result: GANBenchmark.Result
            var sgemmPeakGFLOPS: Double?
        }
    }
}
