import GANCore
import Testing

/// A ``Sequential`` seen as one layer, so the DAG pieces can be checked as a whole.
final class SequentialLayer: Layer {
    let net: Sequential
    var needsInputGradient = true
    var computesParameterGradients = true
    init(_ layers: [any Layer]) { net = Sequential(layers) }
    var parameters: [Parameter] { net.parameters }
    func forward(_ x: Tensor, training: Bool) -> Tensor { net.forward(x, training: training) }
    func backward(_ dy: Tensor) -> Tensor { net.backward(dy) }
}

/// Finite-difference checks of the FastGAN pieces (scalar `Σ y·r`, plus the
/// reconstruction loss where the branch is active), as ``GradientCheckTests``.
/// The whole generator is checked against PyTorch instead (``FastGANGoldenTests``):
/// through four training-mode BatchNorms, central differences in Float32 are
/// too noisy to tell a wrong gradient from rounding.
@Suite struct FastGANGradientTests {
    /// Central differences of `loss` against the analytic gradients, on at most `samples` entries per tensor.
    func check(_ layer: any Layer, input x: Tensor, extraLoss: @escaping () -> Double = { 0 }, step h: Float, tolerance: Double,
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

    func input(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        Tensor(shape: shape, values: randomValues(shape.reduce(1, *), seed: seed, scale: scale))
    }

    @Test func nearestUpsample() {
        check(NearestUpsample2x(), input: input([2, 3, 3, 5], seed: 21), step: 0.05, tolerance: 1e-4, seed: 21)
    }

    @Test func adaptiveAveragePool() {
        check(AdaptiveAveragePool(outputSize: 2), input: input([2, 3, 6, 4], seed: 22), step: 0.05, tolerance: 1e-4, seed: 22)
    }

    @Test func sigmoid() {
        check(ActivationLayer(.sigmoid), input: input([2, 3, 2, 2], seed: 23, scale: 3), step: 1e-3, tolerance: 1e-3, seed: 23)
    }

    /// `y = x ⊙ gate(x)`: the input gradient is the sum of the direct path and the path through the gate and the tap.
    @Test func skipLayerExcitationThroughItsTap() {
        let tap = FeatureTap()
        let sle = SkipLayerExcitation(name: "sle", source: tap, lowChannels: 3, channels: 3, workspace: Workspace())
        check(SequentialLayer([tap, sle]), input: input([3, 2, 8, 8], seed: 24), step: 1e-2, tolerance: 2e-3, seed: 24)
    }

    /// The branch's gradient is `dy` plus the MSE's gradient through the decoder (BatchNorm in training mode).
    @Test func reconstructionBranch() {
        let branch = ReconstructionBranch(name: "d_dec", channels: 8, blocks: 1, workspace: Workspace())
        branch.target = input([3, 4, 16, 16], seed: 25)
        let x = input([8, 4, 4, 4], seed: 26)
        check(branch, input: x, extraLoss: { branch.lastLoss ?? .nan }, step: 2e-3, tolerance: 2e-2, seed: 25)
    }
}
