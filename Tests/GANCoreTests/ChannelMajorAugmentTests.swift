import DmanCore
import Foundation
import GANCore
import Testing

/// DiffAugment on channel-major `[C, N, H, W]` tensors, as the trainer uses it.
@Suite struct ChannelMajorAugmentTests {
    static func random(_ shape: [Int], seed: UInt64) -> Tensor {
        let t = Tensor(shape: shape)
        var rng = SplitMix64(seed: seed)
        for i in 0..<t.count { t[i] = Float(rng.nextUnitDouble() * 2 - 1) }
        return t
    }

    @Test func forwardMatchesDiffAugmentOnTheNCHWCopy() {
        let (c, n, h, w) = (3, 4, 16, 16)
        let x = Self.random([c, n, h, w], seed: 1)
        let out = Tensor(shape: [0])
        let augment = ChannelMajorAugment(policy: .standard)
        var rng = SplitMix64(seed: 9)
        augment.forward(x, into: out, rng: &rng)
        // Same draw through the NCHW API.
        let shape = ImageBatchShape(n: n, c: c, h: h, w: w)
        var rng2 = SplitMix64(seed: 9)
        let p = DiffAugmentParameters.sample(policy: .standard, shape: shape, using: &rng2)
        #expect(p == augment.lastParameters)
        var nchw = [Float](repeating: 0, count: x.count)
        for ch in 0..<c { for b in 0..<n { for i in 0..<(h * w) { nchw[(b * c + ch) * h * w + i] = x[(ch * n + b) * h * w + i] } } }
        DiffAugment.forward(&nchw, shape: shape, parameters: p)
        var maxDiff: Float = 0
        for ch in 0..<c { for b in 0..<n { for i in 0..<(h * w) {
            maxDiff = max(maxDiff, abs(nchw[(b * c + ch) * h * w + i] - out[(ch * n + b) * h * w + i]))
        } } }
        #expect(maxDiff == 0)
        #expect(x.array != out.array, "the input is left alone when writing into another tensor")
    }

    @Test func backwardIsTheTransposeOfForward() {
        let shape = [3, 5, 16, 16]
        let x = Self.random(shape, seed: 2), g = Self.random(shape, seed: 3)
        // T is affine (brightness adds a constant): compare its linear part T(x) − T(0).
        let tx = Tensor(shape: [0]), t0 = Tensor(shape: [0])
        let augment = ChannelMajorAugment(policy: .standard)
        var rng0 = SplitMix64(seed: 4)
        augment.forward(Tensor(shape: shape), into: t0, rng: &rng0)
        var rng = SplitMix64(seed: 4)
        augment.forward(x, into: tx, rng: &rng)
        let lhs = (0..<x.count).reduce(0.0) { $0 + Double(tx[$1] - t0[$1]) * Double(g[$1]) }   // ⟨A x, g⟩
        augment.backward(g)                                                               // g ← Tᵀ g
        let rhs = (0..<x.count).reduce(0.0) { $0 + Double(x[$1]) * Double(g[$1]) }     // ⟨x, Tᵀ g⟩
        #expect(abs(lhs) > 1)
        #expect(abs(lhs - rhs) < 1e-3 * max(1, abs(lhs)), "⟨Ax, g⟩ = \(lhs), ⟨x, Tᵀg⟩ = \(rhs)")
    }
}
