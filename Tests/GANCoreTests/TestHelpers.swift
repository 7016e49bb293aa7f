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

/// Central differences of `Σ y·r + extraLoss()` (r fixed and random, so `dL/dy = r`; evaluated in Double from
/// the Float32 forward) against `layer`'s input and parameter gradients, on at most `samples` entries per tensor.
/// Parameters start random in ±0.5 (BatchNorm weights at 1 ± 0.5).
func finiteDifferenceCheck(_ layer: any Layer, input x: Tensor, extraLoss: @escaping () -> Double = { 0 }, step h: Float, tolerance: Double,
                           seed: UInt64, samples: Int = 400) {
    for (i, p) in layer.parameters.enumerated() {
        let v = randomValues(p.value.count, seed: seed &+ UInt64(i) &+ 100, scale: 0.5)
        setValues(p.value, p.name.contains("bn") && p.name.hasSuffix("weight") ? v.map { 1 + $0 } : v)
    }
    let y0 = layer.forward(x, training: true)
    let r = Tensor(shape: y0.shape, values: randomValues(y0.count, seed: seed &+ 7))
    for p in layer.parameters { p.zeroGradient() }
    let dx = layer.backward(r).array
    func loss() -> Double {
        let y = layer.forward(x, training: true)
        var s = extraLoss()
        for i in 0..<y.count { s += Double(y[i]) * Double(r[i]) }
        return s
    }
    func compare(_ t: Tensor, _ analytic: [Float], _ what: String) {
        let stride = max(1, t.count / samples)
        let idx = Array(Swift.stride(from: 0, to: t.count, by: stride))
        let numeric: [Float] = idx.map { i in
            let old = t[i]
            t[i] = old + h; let lp = loss()
            t[i] = old - h; let lm = loss()
            t[i] = old
            return Float((lp - lm) / (2 * Double(h)))
        }
        expectClose(idx.map { analytic[$0] }, numeric, tolerance, what)
    }
    compare(x, dx, "\(type(of: layer)) input gradient")
    for p in layer.parameters { compare(p.value, p.gradient.array, "\(type(of: layer)) \(p.name) gradient") }
}
