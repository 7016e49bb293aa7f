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
    func input(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        Tensor(shape: shape, values: randomValues(shape.reduce(1, *), seed: seed, scale: scale))
    }

    @Test func nearestUpsample() {
        finiteDifferenceCheck(NearestUpsample2x(), input: input([2, 3, 3, 5], seed: 21), step: 0.05, tolerance: 1e-4, seed: 21)
    }

    @Test func adaptiveAveragePool() {
        finiteDifferenceCheck(AdaptiveAveragePool(outputSize: 2), input: input([2, 3, 6, 4], seed: 22), step: 0.05, tolerance: 1e-4, seed: 22)
    }

    @Test func sigmoid() {
        finiteDifferenceCheck(ActivationLayer(.sigmoid), input: input([2, 3, 2, 2], seed: 23, scale: 3), step: 1e-3, tolerance: 1e-3, seed: 23)
    }

    /// `y = x ⊙ gate(x)`: the input gradient is the sum of the direct path and the path through the gate and the tap.
    @Test func skipLayerExcitationThroughItsTap() {
        let tap = FeatureTap()
        let sle = SkipLayerExcitation(name: "sle", source: tap, lowChannels: 3, channels: 3, workspace: Workspace())
        finiteDifferenceCheck(SequentialLayer([tap, sle]), input: input([3, 2, 8, 8], seed: 24), step: 1e-2, tolerance: 2e-3, seed: 24)
    }

    /// The branch's gradient is `dy` plus the MSE's gradient through the decoder (BatchNorm in training mode).
    @Test func reconstructionBranch() {
        let branch = ReconstructionBranch(name: "d_dec", channels: 8, blocks: 1, workspace: Workspace())
        branch.target = input([3, 4, 16, 16], seed: 25)
        let x = input([8, 4, 4, 4], seed: 26)
        finiteDifferenceCheck(branch, input: x, extraLoss: { branch.lastLoss ?? .nan }, step: 2e-3, tolerance: 2e-2, seed: 25)
    }
}
