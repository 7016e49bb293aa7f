import Foundation
import GANCore
import Testing

/// Adam against TensorFlow 1's formula, computed independently in Double.
@Suite struct AdamTests {
    @Test func matchesTF1UpdateOverSeveralSteps() {
        let p = Parameter(name: "w", shape: [5])
        let start: [Float] = [0.5, -0.2, 0.0, 1.5, -3.0]
        setValues(p.value, start)
        let adam = Adam(parameters: [p], learningRate: 2e-4, beta1: 0.5)
        var w = start.map(Double.init), m = [Double](repeating: 0, count: 5), v = m
        let lr = 2e-4, b1 = 0.5, b2 = 0.999, eps = 1e-8
        for t in 1...6 {
            let g = randomValues(5, seed: UInt64(t), scale: t == 3 ? 1e-6 : 2)  // step 3: tiny gradients, where ε matters
            setValues(p.gradient, g)
            adam.update()
            let lrT = lr * (1 - pow(b2, Double(t))).squareRoot() / (1 - pow(b1, Double(t)))
            for i in 0..<5 {
                let gi = Double(g[i])
                m[i] = b1 * m[i] + (1 - b1) * gi
                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                w[i] -= lrT * m[i] / (v[i].squareRoot() + eps)
            }
            #expect(adam.step == t)
            expectClose(p.value.array, w.map { Float($0) }, 1e-6, "step \(t) weights")
            expectClose(adam.firstMoments[0].array, m.map { Float($0) }, 1e-5, "step \(t) m")
        }
    }

    @Test func stepSizeIsBiasCorrected() {
        let adam = Adam(parameters: [], learningRate: 2e-4, beta1: 0.5)
        #expect(abs(Double(adam.stepSize(at: 1)) - 2e-4 * (0.001).squareRoot() / 0.5) < 1e-10)
        #expect(abs(Double(adam.stepSize(at: 10_000)) - 2e-4) < 1e-6)
    }

    /// The first update moves every weight by about lr_t regardless of the
    /// gradient's size (m/√v = ±1), unlike PyTorch's ε placement at tiny gradients.
    @Test func epsilonIsAddedAfterTheSquareRootOfRawV() {
        let p = Parameter(name: "w", shape: [1])
        setValues(p.gradient, [1e-6])
        let adam = Adam(parameters: [p], learningRate: 1, beta1: 0.5)
        adam.update()
        // TF1: lr_t · 0.5e-6 / (√(1e-15) + 1e-8); PyTorch would give ≈ 1 / (1 + 1e-8/1e-6·√0.001…).
        let lrT = (0.001).squareRoot() / 0.5
        let expected = -lrT * 0.5e-6 / ((1e-15).squareRoot() + 1e-8)
        #expect(abs(Double(p.value[0]) - expected) < 1e-5 * abs(expected))
    }
}
