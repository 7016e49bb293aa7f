import GANCore
import Testing

/// Finite-difference checks of every layer's hand-written backward pass.
///
/// The scalar checked is `L = Σ y·r` for a fixed random `r` (so `dL/dy = r`),
/// evaluated in Double from the Float32 forward; central differences.
@Suite struct GradientCheckTests {
    /// Compares analytic input and parameter gradients with central differences.
    func check(_ make: () -> any Layer, inputShape: [Int], step h: Float, tolerance: Double, seed: UInt64,
               inputScale: Float = 1, inputFilter: (Float) -> Float = { $0 }) {
        let x = Tensor(shape: inputShape, values: randomValues(inputShape.reduce(1, *), seed: seed, scale: inputScale).map(inputFilter))
        finiteDifferenceCheck(make(), input: x, step: h, tolerance: tolerance, seed: seed)
    }

    @Test func linear() {
        check({ Linear(name: "l", inputFeatures: 5, outputFeatures: 3) }, inputShape: [4, 5], step: 0.05, tolerance: 1e-3, seed: 1)
    }

    @Test func conv2dSame() {
        check({ Conv2d(name: "c", inputChannels: 2, outputChannels: 3, kernelSize: 5, stride: 2, padding: .same, workspace: Workspace()) },
              inputShape: [2, 3, 8, 8], step: 0.05, tolerance: 1e-3, seed: 2)
    }

    @Test func conv2dExplicitOddSize() {
        check({ Conv2d(name: "c", inputChannels: 3, outputChannels: 2, kernelSize: 3, stride: 1, padding: .explicit(1), workspace: Workspace()) },
              inputShape: [3, 2, 5, 7], step: 0.05, tolerance: 1e-3, seed: 3)
    }

    @Test func convTransposeSame() {
        check({ ConvTranspose2d(name: "t", inputChannels: 3, outputChannels: 2, kernelSize: 5, stride: 2, padding: .same, workspace: Workspace()) },
              inputShape: [3, 2, 4, 4], step: 0.05, tolerance: 1e-3, seed: 4)
    }

    @Test func convTransposeOutputPadding() {
        check({ ConvTranspose2d(name: "t", inputChannels: 2, outputChannels: 2, kernelSize: 3, stride: 2, padding: .explicit(1),
                                outputPadding: 1, workspace: Workspace()) },
              inputShape: [2, 3, 3, 4], step: 0.05, tolerance: 1e-3, seed: 5)
    }

    @Test func batchNorm() {
        check({ BatchNorm(name: "bn", channels: 3) }, inputShape: [3, 4, 3, 3], step: 1e-2, tolerance: 1e-2, seed: 6, inputScale: 2)
    }

    /// BatchNorm with a fused (leaky) ReLU equals BatchNorm followed by the activation layer.
    @Test(arguments: [Activation.relu, .leakyReLU(0.2)])
    func fusedBatchNormActivationMatchesComposition(_ act: Activation) {
        let x = Tensor(shape: [3, 4, 3, 3], values: randomValues(108, seed: 9, scale: 2))
        let dy = Tensor(shape: [3, 4, 3, 3], values: randomValues(108, seed: 10))
        let fused = BatchNorm(name: "a", channels: 3, activation: act), plain = BatchNorm(name: "b", channels: 3)
        let actLayer = ActivationLayer(act)
        for bn in [fused, plain] { setValues(bn.weight.value, [1.2, 0.7, 1.0]); setValues(bn.bias.value, [0.1, -0.3, 0.2]) }
        let yf = fused.forward(x, training: true).array
        let yp = actLayer.forward(plain.forward(x, training: true), training: true).array
        expectClose(yf, yp, 1e-6, "fused forward")
        let gf = fused.backward(dy).array
        let gp = plain.backward(actLayer.backward(dy)).array
        expectClose(gf, gp, 1e-5, "fused backward")
        expectClose(fused.weight.gradient.array, plain.weight.gradient.array, 1e-5, "fused γ gradient")
        #expect(yf.contains { $0 < 0 } == (act != .relu))
    }

    @Test func tanh() {
        check({ ActivationLayer(.tanh) }, inputShape: [2, 3, 2, 2], step: 1e-3, tolerance: 1e-2, seed: 11, inputScale: 2)
    }

    /// Inputs kept away from the kink at 0, where the derivative jumps.
    @Test(arguments: [Activation.relu, .leakyReLU(0.2)])
    func piecewiseLinear(_ act: Activation) {
        check({ ActivationLayer(act) }, inputShape: [2, 3, 2, 2], step: 1e-2, tolerance: 1e-3, seed: 12,
              inputFilter: { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 })
    }

    @Test func reshapes() {
        check({ Flatten() }, inputShape: [3, 2, 2, 2], step: 0.05, tolerance: 1e-4, seed: 13)
        check({ Unflatten(channels: 2, height: 2, width: 3) }, inputShape: [3, 12], step: 0.05, tolerance: 1e-4, seed: 14)
    }

    @Test func sigmoidCrossEntropy() {
        let logits = Tensor(shape: [6, 1], values: [-30, -2.5, -0.1, 0, 1.7, 40])
        for label: Float in [0, 1] {
            let g = Tensor(shape: [0])
            let l = SigmoidCrossEntropy.loss(logits: logits, label: label, gradient: g)
            #expect(l.isFinite && l > 0)
            let h: Float = 1e-2
            for i in 0..<6 {
                let old = logits[i]
                logits[i] = old + h; let lp = SigmoidCrossEntropy.loss(logits: logits, label: label)
                logits[i] = old - h; let lm = SigmoidCrossEntropy.loss(logits: logits, label: label)
                logits[i] = old
                let numeric = (lp - lm) / (2 * Double(h))
                #expect(abs(numeric - Double(g[i])) < 1e-4, "logit \(old) label \(label): \(numeric) vs \(g[i])")
            }
        }
        // Extreme logits stay finite and exact: loss of +40 with label 0 is ≈ 40/6.
        let big = Tensor(shape: [1, 1], values: [40])
        #expect(abs(SigmoidCrossEntropy.loss(logits: big, label: 0) - 40) < 1e-9)
        #expect(SigmoidCrossEntropy.loss(logits: big, label: 1) < 1e-15)
    }
}
