import DmanCore
import Foundation
import GANCore
import Testing

/// A golden file of Tests/GANCoreTests/Fixtures (made by bench/gan/make_golden.py).
func fixture(_ name: String) throws -> SafeTensors {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "safetensors", subdirectory: "Fixtures"),
                           "missing fixture \(name).safetensors")
    return try SafeTensors(decoding: Data(contentsOf: url))
}

extension SafeTensors {
    /// Values and shape of a Float32 tensor.
    func tensor(_ name: String) throws -> (shape: [Int], values: [Float]) {
        let e = try #require(entries[name], "fixture lacks \(name)")
        return (e.shape, try floats(name, shape: e.shape))
    }
}

/// NCHW values → a channel-major `[C, N, H, W]` tensor.
func channelMajor(_ nchw: [Float], shape: [Int]) -> Tensor {
    let n = shape[0], c = shape[1], area = shape[2] * shape[3]
    let t = Tensor(shape: [c, n, shape[2], shape[3]])
    for b in 0..<n { for ch in 0..<c { for p in 0..<area { t[(ch * n + b) * area + p] = nchw[(b * c + ch) * area + p] } } }
    return t
}

/// Channel-major tensor → NCHW values.
func nchw(_ t: Tensor) -> [Float] {
    let c = t.shape[0], n = t.shape[1], area = t.shape[2] * t.shape[3]
    var out = [Float](repeating: 0, count: t.count)
    for b in 0..<n { for ch in 0..<c { for p in 0..<area { out[(b * c + ch) * area + p] = t[(ch * n + b) * area + p] } } }
    return out
}

/// Largest |a − b| relative to max(1, max |b|).
func relativeError(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count, "length \(a.count) vs \(b.count)")
    var worst = 0.0, scale = 1e-12
    for (x, y) in zip(a, b) {
        worst = max(worst, abs(Double(x) - Double(y)))
        scale = max(scale, abs(Double(y)))
    }
    return worst / max(scale, 1e-3)
}

func expectClose(_ a: [Float], _ b: [Float], _ tolerance: Double, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, "\(what): \(a.count) vs \(b.count) values", sourceLocation: sourceLocation)
    guard a.count == b.count else { return }
    let e = relativeError(a, b)
    #expect(e <= tolerance, "\(what): relative error \(e) > \(tolerance)", sourceLocation: sourceLocation)
}

/// Seeded values in [−scale, scale).
func randomValues(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Float(rng.nextUnitDouble() * 2 - 1) * scale }
}

func setValues(_ t: Tensor, _ v: [Float]) {
    precondition(v.count == t.count)
    for i in 0..<v.count { t[i] = v[i] }
}
