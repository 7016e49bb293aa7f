// Benchmark driver for bench/gan/run.sh: times GANCore's DCGAN (see bench/gan/README.md).
// Usage: gan-bench [--threads N] [--iterations N] [--warmup N] [--size S] [--batch B] [--z-dim Z]
import Foundation
import GANCore

var config = DCGANConfig()
var iterations = 5, warmup = 1, threads = 2
var args = CommandLine.arguments.dropFirst().makeIterator()
while let a = args.next() {
    guard let v = args.next().flatMap(Int.init) else { fatalError("\(a) needs an integer") }
    switch a {
    case "--threads": threads = v
    case "--iterations": iterations = v
    case "--warmup": warmup = v
    case "--size": config.imageSize = v
    case "--batch": config.batchSize = v
    case "--z-dim": config.zDim = v
    default: fatalError("unknown option \(a)")
    }
}
let r = GANBenchmark.run(config: config, iterations: iterations, warmup: warmup, threads: threads) {
    FileHandle.standardError.write(Data(("dman: " + $0 + "\n").utf8))
}
let e = JSONEncoder()
e.outputFormatting = [.sortedKeys]
print(String(decoding: try! e.encode(r), as: UTF8.self))
print(String(format: "dman: %.3f s/iteration (median of %d), GEMM %.1f GFLOP/iter in %.3f s (%.1f GFLOP/s inside GEMM, %.1f GFLOP/s effective), inference of %d images %.3f s",
             r.medianIterationSeconds, r.iterationSeconds.count, r.gemmFlopsPerIteration / 1e9, r.gemmSecondsPerIteration,
             r.gemmGFLOPS, r.effectiveGFLOPS, r.inferenceImages, r.inferenceSeconds))
