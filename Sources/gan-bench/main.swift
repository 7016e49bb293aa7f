// Driver for bench/gan (see bench/gan/README.md); `dman bench train`, `dman train`
// and `dman generate` wrap the same GANCore API.
//
//   gan-bench [bench] [--threads N] [--iterations N] [--warmup N] [--size S] [--batch B] [--z-dim Z]
//   gan-bench serve [--threads N]   (stdin: it | inf | quit; for bench/gan/alternate.py)
//   gan-bench sgemm [--threads N]
//   gan-bench train-synthetic RUN [--iterations N] [--size S] [--batch B] [--threads N]
//   gan-bench generate RUN_OR_CHECKPOINT COUNT SEED OUT
import DmanCore
import Foundation
import GANCore

func fail(_ m: String) -> Never {
    FileHandle.standardError.write(Data("gan-bench: \(m)\n".utf8))
    exit(1)
}

var argv = Array(CommandLine.arguments.dropFirst())
let mode = argv.first.map { $0.hasPrefix("--") ? "bench" : $0 } ?? "bench"
if mode != "bench" || argv.first == "bench" { argv.removeFirst() }
var positional: [String] = []
var config = DCGANConfig()
var iterations = 5, warmup = 1, threads = 2
var it = argv.makeIterator()
while let a = it.next() {
    guard a.hasPrefix("--") else { positional.append(a); continue }
    guard let v = it.next().flatMap(Int.init) else { fail("\(a) needs an integer") }
    switch a {
    case "--threads": threads = v
    case "--iterations": iterations = v
    case "--warmup": warmup = v
    case "--size": config.imageSize = v
    case "--batch": config.batchSize = v
    case "--z-dim": config.zDim = v
    default: fail("unknown option \(a)")
    }
}

do {
    switch mode {
    case "bench":
        let r = GANBenchmark.run(config: config, iterations: iterations, warmup: warmup, threads: threads) {
            FileHandle.standardError.write(Data(("dman: " + $0 + "\n").utf8))
        }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        print(String(decoding: try e.encode(r), as: UTF8.self))
        print(String(format: "dman: %.3f s/iteration (median of %d), GEMM %.1f GFLOP/iteration, %.3f s inside GEMM (%.1f GFLOP/s), %.1f GFLOP/s effective; %d images generated in %.3f s",
                     r.medianIterationSeconds, r.iterationSeconds.count, r.gemmFlopsPerIteration / 1e9, r.gemmSecondsPerIteration,
                     r.gemmGFLOPS, r.effectiveGFLOPS, r.inferenceImages, r.inferenceSeconds))
        FileHandle.standardError.write(Data(String(format: "dman: profiled iteration %.3f s; per layer (total / GEMM):\n", r.profiledIterationSeconds).utf8))
        for l in r.layers {
            FileHandle.standardError.write(Data(String(format: "  %-40@ %7.3f s  %7.3f s\n", l.layer as NSString, l.seconds, l.gemmSeconds).utf8))
        }
    case "lowering":
        for after in [false, true] {
            for (c, s) in [(3, 64), (64, 32), (128, 16), (256, 8)] {
                let (a, b) = GANBenchmark.loweringSeconds(channels: c, size: s, threads: threads, afterGEMM: after)
                let bytes = Double(c * 25 * 64 * (s / 2) * (s / 2) * 4)
                print(String(format: "C=%3d %3d²%@: im2col %.4f s (%.1f GB/s of columns), col2im %.4f s", c, s,
                             after ? " right after a GEMM" : "", a, bytes / a / 1e9, b))
            }
        }
    case "serve":
        // One line per request on stdin: "it" (training iteration) or "inf" (100 images); prints seconds.
        let session = GANBenchmark.Session(config: config, threads: threads)
        print("ready"); fflush(nil)
        while let line = readLine() {
            switch line {
            case "it": print(session.iteration())
            case "inf": print(session.inference(count: 100))
            default: exit(0)
            }
            fflush(nil)
        }
    case "sgemm":
        print(String(format: "sgemm 2048^3 on %d threads: %.1f GFLOP/s (best of 5)", threads, GANBenchmark.sgemmPeak(threads: threads)))
    case "train-synthetic":
        guard positional.count == 1 else { fail("train-synthetic RUN") }
        // Random blobs: enough to move the weights away from their initial values.
        var rng = SplitMix64(seed: 1)
        let s = config.imageSize
        let images = (0..<(config.batchSize * 2)).map { _ -> PixelImage in
            var img = PixelImage(width: s, height: s)
            let c = (UInt8(rng.next() % 256), UInt8(rng.next() % 256), UInt8(rng.next() % 256))
            let cx = Int(rng.next() % UInt64(s)), cy = Int(rng.next() % UInt64(s))
            for y in 0..<s { for x in 0..<s { img[x, y] = abs(x - cx) + abs(y - cy) < s / 3 ? [c.0, c.1, c.2] : [10, 10, 10] } }
            return img
        }
        let data = try TrainingSet(images: images, names: images.indices.map { "blob-\($0)" }, imageSize: s)
        config.iterations = iterations
        config.threads = threads
        config.sampleEvery = max(1, iterations / 2)
        config.checkpointEvery = iterations
        let trainer = try GANTrainer(config: config, data: data, runFolder: URL(fileURLWithPath: positional[0]))
        try trainer.run { event in
            if case .iteration(let r) = event {
                print(String(format: "step %d  d %.4f  g %.4f  %.3f s", r.step, r.losses.discriminator, r.losses.generator, r.seconds))
            }
        }
    case "generate":
        guard positional.count == 4, let n = Int(positional[1]), let seed = UInt64(positional[2]) else {
            fail("generate RUN_OR_CHECKPOINT COUNT SEED OUT")
        }
        let out = try ImageGeneration.generate(checkpoint: URL(fileURLWithPath: positional[0]), count: n, seed: seed,
                                               outputFolder: URL(fileURLWithPath: positional[3]), threads: threads)
        print("wrote \(out.images.count) images, \(out.grid.path) and \(out.tensors.path) from \(out.checkpoint.path)")
    default:
        fail("unknown mode \(mode)")
    }
} catch let e as GANError {
    fail(e.description)
} catch {
    fail("\(error)")
}
