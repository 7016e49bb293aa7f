import ArgumentParser
import DmanCore
import Foundation
import GANCore

/// `dman bench`: performance measurements.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure dman's speed on this machine.",
        subcommands: [Train.self, SGEMM.self, Lowering.self]
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
        @Flag(help: ArgumentHelp("Serve timings for bench/gan/alternate.py: stdin lines `it`, `inf` or `inf1`, one number of seconds per line.",
                                 visibility: .hidden)) var serve = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let console = global.console()
            var config = DCGANConfig()
            config.imageSize = size; config.batchSize = batch; config.zDim = zDim
            config.generatorWidth = width; config.discriminatorWidth = width
            do { try config.validate() } catch {
                throw console.fail(error)
            }
            let t = threads ?? global.resolvedJobs
            if serve {
                let session = GANBenchmark.Session(config: config, threads: t)
                print("ready"); fflush(nil)
                while let line = readLine(), let seconds = session.answer(line) {
                    print(seconds)
                    fflush(nil)
                }
                return
            }
            let r = GANBenchmark.run(config: config, iterations: iterations, warmup: warmup, threads: t) { line in
                if !console.json && !console.quiet { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            }
            let peak = noPeak ? nil : GANBenchmark.sgemmPeak(threads: t)
            if console.json {
                // One line: the GANBenchmark.Result fields plus sgemmPeakGFLOPS (bench/gan/run.sh reads it).
                var object = (try? JSONSerialization.jsonObject(with: JSONLine.encoder.encode(r))) as? [String: Any] ?? [:]
                if let peak { object["sgemmPeakGFLOPS"] = peak }
                if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                    print(String(decoding: data, as: UTF8.self))
                }
            }
            if !console.json && !console.quiet {
                FileHandle.standardError.write(Data(String(format: "profiled iteration %.3f s; per layer (total / GEMM):\n", r.profiledIterationSeconds).utf8))
                for l in r.layers {
                    FileHandle.standardError.write(Data(String(format: "  %-40@ %7.3f s  %7.3f s\n", l.layer as NSString, l.seconds, l.gemmSeconds).utf8))
                }
            }
            console.say(String(format: "%.3f s/iteration (median of %d) at %d×%d, batch %d, z %d, %d threads",
                               r.medianIterationSeconds, r.iterationSeconds.count, size, size, batch, zDim, r.threads))
            console.say(String(format: "GEMM %.1f GFLOP/iteration: %.1f GFLOP/s inside GEMM, %.1f GFLOP/s effective",
                               r.gemmFlopsPerIteration / 1e9, r.gemmGFLOPS, r.effectiveGFLOPS))
            if let peak {
                console.say(String(format: "sgemm 2048³ peak %.1f GFLOP/s: effective is %.0f%% of peak", peak, r.effectiveGFLOPS / peak * 100))
            }
            console.say(String(format: "inference: %d images in %.3f s", r.inferenceImages, r.inferenceSeconds))
        }

    }

    /// `dman bench sgemm`: OpenBLAS sgemm peak through GANCore's GEMM.
    struct SGEMM: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sgemm", abstract: "OpenBLAS sgemm 2048³ GFLOP/s (best of 5).")
        @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n")) var threads: Int?
        func run() {
            let t = threads ?? Parallel.defaultJobs
            print(String(format: "sgemm 2048^3 on %d threads: %.1f GFLOP/s (best of 5)", t, GANBenchmark.sgemmPeak(threads: t)))
        }
    }

    /// `dman bench lowering`: im2col/col2im cost per discriminator layer shape.
    struct Lowering: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "lowering", abstract: "Time im2col/col2im per D layer shape at 64×64.")
        @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n")) var threads: Int?
        func run() {
            let t = threads ?? Parallel.defaultJobs
            for after in [false, true] {
                for (c, s) in [(3, 64), (64, 32), (128, 16), (256, 8)] {
                    let (a, b) = GANBenchmark.loweringSeconds(channels: c, size: s, threads: t, afterGEMM: after)
                    let bytes = Double(c * 25 * 64 * (s / 2) * (s / 2) * 4)
                    print(String(format: "C=%3d %3d²%@: im2col %.4f s (%.1f GB/s of columns), col2im %.4f s", c, s,
                                 after ? " right after a GEMM" : "", a, bytes / a / 1e9, b))
                }
            }
        }
    }
}
