import Foundation
import GANCore
import Testing

@Suite struct EMATests {
    @Test func updateFollowsTheFormulaAndConvergesToConstantWeights() {
        let start: [[Float]] = [[0, 1, -2], [10]]
        var ema = WeightEMA(copying: start, decay: 0.9)
        let w: [[Float]] = [[1, 1, 1], [0]]
        ema.update(from: w)
        // ema = 0.9 * ema + 0.1 * w, element by element
        #expect(abs(ema.shadows[0][0] - 0.1) < 1e-6)
        #expect(abs(ema.shadows[0][1] - 1.0) < 1e-6)
        #expect(abs(ema.shadows[0][2] - (-1.7)) < 1e-6)
        #expect(abs(ema.shadows[1][0] - 9.0) < 1e-6)
        // k updates towards constant w: ema = w + 0.9^k (start − w)
        for _ in 1..<50 { ema.update(from: w) }
        let expected = Float(10 * pow(0.9, 50.0))
        #expect(abs(ema.shadows[1][0] - expected) < 1e-4)
        #expect(ema.updates == 50)
    }

    @Test func pointerAndArrayUpdatesAgreeAndCopyOutWorks() {
        var a = WeightEMA(copying: [[0.5, -0.5]], decay: 0.999)
        var b = a
        var rngValue: Float = 0.1
        for _ in 0..<20 {
            rngValue = rngValue * 1.7 - 0.3
            let w: [Float] = [rngValue, -rngValue]
            a.update(from: [w])
            w.withUnsafeBufferPointer { b.update(from: [$0]) }
        }
        #expect(a == b)
        var live = [Float](repeating: 0, count: 2)
        live.withUnsafeMutableBufferPointer { a.copy(into: [$0]) }
        #expect(live == a.shadows[0])
    }

    @Test func warmUpCapsTheDecayEarlyOnly() {
        var ema = WeightEMA(copying: [[0]], decay: 0.999, warmUp: true)
        #expect(abs(ema.currentDecay - 0.1) < 1e-7)    // (1 + 0) / (10 + 0)
        ema.update(from: [[1]])
        #expect(abs(ema.shadows[0][0] - 0.9) < 1e-6)   // 0.1 * 0 + 0.9 * 1
        #expect(abs(ema.currentDecay - 2.0 / 11.0) < 1e-7)
        for _ in 0..<20_000 { ema.update(from: [[1]]) }
        #expect(ema.currentDecay == 0.999)
        #expect(WeightEMA(copying: [[0]], decay: 0.999).currentDecay == 0.999)
    }
}
