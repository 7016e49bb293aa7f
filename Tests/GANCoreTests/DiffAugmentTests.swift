import DmanCore
import Foundation
import GANCore
import Testing

/// Golden data made by the official PyTorch code (see Fixtures/README-extras.md).
private struct DiffAugmentGolden: Decodable {
    struct Params: Decodable {
        var brightness, saturation, contrast: [Float]
        var shiftY, shiftX, cutoutY, cutoutX: [Int]
    }
    var shape: [Int]
    var input: [Float]
    var parameters: Params
    var outputs: [String: [Float]]
    struct Gradient: Decodable { var policy: String; var upstream: [Float]; var input: [Float] }
    var gradient: Gradient

    static func load() throws -> DiffAugmentGolden {
        let url = try #require(Bundle.module.url(forResource: "diffaugment_golden", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        return try JSONDecoder().decode(DiffAugmentGolden.self, from: Data(contentsOf: url))
    }
}

private func randomBatch(_ count: Int, seed: UInt64) -> [Float] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Float(rng.nextUnitDouble() * 2 - 1) }
}

@Suite struct DiffAugmentTests {
    @Test(arguments: ["color", "translation", "cutout", "color,translation,cutout", "cutout,translation"])
    func forwardMatchesOfficialPyTorch(policyText: String) throws {
        let golden = try DiffAugmentGolden.load()
        let shape = ImageBatchShape(n: golden.shape[0], c: golden.shape[1], h: golden.shape[2], w: golden.shape[3])
        let policy = try DiffAugmentPolicy(parsing: policyText)
        var p = DiffAugmentParameters(policy: policy, shape: shape)
        let g = golden.parameters
        for op in policy.ops {
            switch op {
            case .color: (p.brightness, p.saturation, p.contrast) = (g.brightness, g.saturation, g.contrast)
            case .translation: (p.shiftY, p.shiftX) = (g.shiftY, g.shiftX)
            case .cutout: (p.cutoutY, p.cutoutX) = (g.cutoutY, g.cutoutX)
            }
        }
        var x = golden.input
        DiffAugment.forward(&x, shape: shape, parameters: p)
        let expected = try #require(golden.outputs[policyText])
        #expect(x.count == expected.count)
        let maxErr = zip(x, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(maxErr < 2e-6, "max |swift - torch| = \(maxErr) for \(policyText)")
        // The golden output really is changed by the augmentation (not a no-op check).
        #expect(zip(golden.input, expected).contains { abs($0 - $1) > 0.05 })
    }

    @Test func backwardMatchesPyTorchAutograd() throws {
        let golden = try DiffAugmentGolden.load()
        let shape = ImageBatchShape(n: golden.shape[0], c: golden.shape[1], h: golden.shape[2], w: golden.shape[3])
        var p = DiffAugmentParameters(policy: try DiffAugmentPolicy(parsing: golden.gradient.policy), shape: shape)
        let g = golden.parameters
        (p.brightness, p.saturation, p.contrast) = (g.brightness, g.saturation, g.contrast)
        (p.shiftY, p.shiftX, p.cutoutY, p.cutoutX) = (g.shiftY, g.shiftX, g.cutoutY, g.cutoutX)
        var grad = golden.gradient.upstream
        DiffAugment.backward(&grad, shape: shape, parameters: p)
        let maxErr = zip(grad, golden.gradient.input).map { abs($0 - $1) }.max() ?? .infinity
        #expect(maxErr < 2e-6, "max |swift - torch autograd| = \(maxErr)")
        // Not the identity: the augmentation really reshapes the gradient.
        #expect(zip(grad, golden.gradient.upstream).contains { abs($0 - $1) > 0.1 })
    }

    /// L(x) = Σ r·T(x); backward(r) must equal dL/dx by central differences.
    @Test(arguments: ["color", "translation", "cutout", "color,translation,cutout", "translation,cutout,color"])
    func backwardPassesFiniteDifferences(policyText: String) throws {
        let shape = ImageBatchShape(n: 3, c: 3, h: 12, w: 10)
        let policy = try DiffAugmentPolicy(parsing: policyText)
        var rng = SplitMix64(seed: 42)
        var p = DiffAugmentParameters.sample(policy: policy, shape: shape, using: &rng)
        if policy.ops.contains(.translation) { p.shiftY = [2, -1, 1]; p.shiftX = [-1, 1, 0] }  // force non-zero shifts
        let x = randomBatch(shape.count, seed: 7)
        let r = randomBatch(shape.count, seed: 8)
        func loss(_ v: [Float]) -> Double {
            var y = v
            DiffAugment.forward(&y, shape: shape, parameters: p)
            return zip(y, r).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        var grad = r
        DiffAugment.backward(&grad, shape: shape, parameters: p)
        let eps: Float = 0.125
        var maxErr = 0.0, maxGrad = 0.0
        for i in 0..<shape.count {
            var plus = x, minus = x
            plus[i] += eps
            minus[i] -= eps
            let fd = (loss(plus) - loss(minus)) / Double(2 * eps)
            maxErr = max(maxErr, abs(fd - Double(grad[i])))
            maxGrad = max(maxGrad, abs(fd))
        }
        #expect(maxErr < 1e-3, "max |fd - backward| = \(maxErr) for \(policyText)")
        #expect(maxGrad > 0.1)
    }

    /// The G-step recipe: L = hinge_G(D(T(fake))) with a toy D (tanh of a
    /// linear map per image); dL/dfake = T.backward(D.backward(hinge grad)).
    @Test func generatorStepGradientFlowsThroughAugmentation() throws {
        let shape = ImageBatchShape(n: 4, c: 3, h: 8, w: 8)
        var rng = SplitMix64(seed: 99)
        let p = DiffAugmentParameters.sample(policy: .standard, shape: shape, using: &rng)
        let a = randomBatch(shape.imageCount, seed: 5).map { $0 * 0.05 }
        func logits(_ aug: [Float]) -> [Float] {
            (0..<shape.n).map { b in
                tanh((0..<shape.imageCount).reduce(Float(0)) { $0 + a[$1] * aug[b * shape.imageCount + $1] })
            }
        }
        func loss(_ fake: [Float]) -> Double {
            var aug = fake
            DiffAugment.forward(&aug, shape: shape, parameters: p)
            return Double(HingeLoss.generator(logits(aug)).loss)
        }
        let fake = randomBatch(shape.count, seed: 6)
        var aug = fake
        DiffAugment.forward(&aug, shape: shape, parameters: p)
        let out = logits(aug)
        let dLogit = HingeLoss.generator(out).gradient
        var grad = [Float](repeating: 0, count: shape.count)  // D's input gradient
        for b in 0..<shape.n {
            let dPre = dLogit[b] * (1 - out[b] * out[b])
            for i in 0..<shape.imageCount { grad[b * shape.imageCount + i] = dPre * a[i] }
        }
        DiffAugment.backward(&grad, shape: shape, parameters: p)
        let eps: Float = 1e-2
        var maxErr = 0.0, maxGrad = 0.0
        for i in stride(from: 0, to: shape.count, by: 7) {
            var plus = fake, minus = fake
            plus[i] += eps
            minus[i] -= eps
            let fd = (loss(plus) - loss(minus)) / Double(2 * eps)
            maxErr = max(maxErr, abs(fd - Double(grad[i])))
            maxGrad = max(maxGrad, abs(fd))
        }
        #expect(maxErr < 1e-4 && maxGrad > 1e-3, "max error \(maxErr), max gradient \(maxGrad)")
    }

    @Test func samplingIsSeededAndInOfficialRanges() throws {
        let shape = ImageBatchShape(n: 400, c: 3, h: 64, w: 64)
        var a = SplitMix64(seed: 3), b = SplitMix64(seed: 3)
        let p = DiffAugmentParameters.sample(policy: .standard, shape: shape, using: &a)
        var q = DiffAugmentParameters(policy: .standard, shape: shape)
        q.resample(using: &b)
        #expect(p == q)
        #expect(p.brightness.allSatisfy { $0 >= -0.5 && $0 < 0.5 })
        #expect(p.saturation.allSatisfy { $0 >= 0 && $0 < 2 })
        #expect(p.contrast.allSatisfy { $0 >= 0.5 && $0 < 1.5 })
        #expect(Set(p.shiftY) == Set(-8...8) && Set(p.shiftX) == Set(-8...8))  // int(64/8 + .5) = 8
        #expect(Set(p.cutoutY) == Set(0...64))                                  // [0, 64 + 1 - 32 % 2)
        var c = SplitMix64(seed: 4)
        #expect(DiffAugmentParameters.sample(policy: .standard, shape: shape, using: &c) != p)
    }

    @Test func emptyPolicyIsIdentityAndBadPoliciesAreRejected() throws {
        let shape = ImageBatchShape(n: 2, c: 3, h: 8, w: 8)
        let none = try DiffAugmentPolicy(parsing: "none")
        var rng = SplitMix64(seed: 1)
        let x = randomBatch(shape.count, seed: 2)
        var y = x
        DiffAugment.forward(&y, shape: shape, parameters: .sample(policy: none, shape: shape, using: &rng))
        #expect(x == y)
        #expect(try DiffAugmentPolicy(parsing: "color, translation,cutout") == .standard)
        #expect(throws: DiffAugmentError.unknownOp("colour")) { try DiffAugmentPolicy(parsing: "colour") }
        #expect(throws: DiffAugmentError.repeatedOp("cutout")) { try DiffAugmentPolicy(parsing: "cutout,cutout") }
    }
}
