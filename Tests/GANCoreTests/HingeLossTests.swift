import GANCore
import Testing

@Suite struct HingeLossTests {
    // Logits away from the kinks at ±1, on both sides of them.
    let logits: [Float] = [-2.3, -0.7, 0.2, 0.95, 1.6, -1.4, 3.1, -0.05]

    private func numericGradient(_ f: ([Float]) -> Float, at x: [Float]) -> [Float] {
        let eps: Float = 1e-2
        return x.indices.map { i in
            var p = x, m = x
            p[i] += eps
            m[i] -= eps
            return (f(p) - f(m)) / (2 * eps)
        }
    }

    @Test func valuesMatchTheDefinition() {
        let n = Float(logits.count)
        let real = logits.reduce(0) { $0 + max(0, 1 - $1) } / n
        let fake = logits.reduce(0) { $0 + max(0, 1 + $1) } / n
        #expect(abs(HingeLoss.discriminatorReal(logits).loss - real) < 1e-6)
        #expect(abs(HingeLoss.discriminatorFake(logits).loss - fake) < 1e-6)
        #expect(abs(HingeLoss.generator(logits).loss + logits.reduce(0, +) / n) < 1e-6)
        #expect(HingeLoss.discriminatorReal([5, 7]).loss == 0)   // confident D: no loss
    }

    @Test func gradientsPassFiniteDifferences() {
        let cases: [(([Float]) -> (loss: Float, gradient: [Float]))] = [
            HingeLoss.discriminatorReal, HingeLoss.discriminatorFake, HingeLoss.generator,
        ]
        for f in cases {
            let analytic = f(logits).gradient
            let numeric = numericGradient({ f($0).loss }, at: logits)
            for (a, b) in zip(analytic, numeric) { #expect(abs(a - b) < 1e-4) }
            #expect(analytic.contains { $0 != 0 })
        }
        // The real-side gradient is zero exactly where the margin is met.
        let g = HingeLoss.discriminatorReal(logits).gradient
        #expect(g[4] == 0 && g[6] == 0 && g[0] < 0)
    }
}
