import DmanCore
import Foundation
import GANCore
import Testing

/// Largest singular value by one-sided Jacobi SVD in Double (independent of
/// the power iteration under test).
private func jacobiLargestSingularValue(_ a: [Double], rows: Int, cols: Int) -> Double {
    var m = a  // rotate column pairs until all columns are orthogonal
    for _ in 0..<60 {
        var off = 0.0
        for p in 0..<cols {
            for q in (p + 1)..<cols {
                var alpha = 0.0, beta = 0.0, gamma = 0.0
                for r in 0..<rows {
                    let x = m[r * cols + p], y = m[r * cols + q]
                    alpha += x * x; beta += y * y; gamma += x * y
                }
                off = max(off, abs(gamma) / max((alpha * beta).squareRoot(), 1e-300))
                if abs(gamma) < 1e-300 { continue }
                let zeta = (beta - alpha) / (2 * gamma)
                let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                let c = 1 / (1 + t * t).squareRoot(), s = c * t
                for r in 0..<rows {
                    let x = m[r * cols + p], y = m[r * cols + q]
                    m[r * cols + p] = c * x - s * y
                    m[r * cols + q] = s * x + c * y
                }
            }
        }
        if off < 1e-15 { break }
    }
    return (0..<cols).map { c in (0..<rows).reduce(0.0) { $0 + m[$1 * cols + c] * m[$1 * cols + c] }.squareRoot() }.max()!
}

private func randomMatrix(_ count: Int, seed: UInt64) -> [Float] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Float(rng.nextUnitDouble() * 2 - 1) }
}

@Suite struct SpectralNormTests {
    @Test func jacobiReferenceIsRight() {
        // diag(3, 2) rotated: singular values 3 and 2.
        let c = 0.6, s = 0.8
        #expect(abs(jacobiLargestSingularValue([3 * c, -2 * s, 3 * s, 2 * c], rows: 2, cols: 2) - 3) < 1e-12)
    }

    @Test(arguments: [(6, 5), (4, 9), (16, 27)])
    func sigmaConvergesToTheLargestSingularValue(rows: Int, cols: Int) {
        let w = randomMatrix(rows * cols, seed: UInt64(rows * 100 + cols))
        let truth = jacobiLargestSingularValue(w.map(Double.init), rows: rows, cols: cols)
        var sn = SpectralNorm(rows: rows, cols: cols, seed: 9)
        var wsn = [Float](repeating: 0, count: w.count)
        var first: Float = 0
        for step in 0..<300 {
            w.withUnsafeBufferPointer { wp in wsn.withUnsafeMutableBufferPointer { sn.forward(weight: wp, into: $0) } }
            if step == 0 { first = sn.sigma }
        }
        #expect(abs(Double(sn.sigma) - truth) / truth < 1e-4, "σ \(sn.sigma) vs \(truth)")
        #expect(first <= sn.sigma + 1e-4)  // power iteration approaches from below
        // W/σ has spectral norm 1.
        let normalizedTop = jacobiLargestSingularValue(wsn.map(Double.init), rows: rows, cols: cols)
        #expect(abs(normalizedTop - 1) < 1e-4)
    }

    /// L = Σ R ⊙ W/σ(W) with σ(W) = uᵀWv, u and v held fixed (first-order).
    @Test func backwardPassesFiniteDifferencesWithFixedVectors() {
        let rows = 5, cols = 7
        let w = randomMatrix(rows * cols, seed: 11)
        let r = randomMatrix(rows * cols, seed: 12)
        var sn = SpectralNorm(rows: rows, cols: cols, seed: 3)
        var wsn = [Float](repeating: 0, count: w.count)
        for _ in 0..<3 {  // a few steps so u, v are neither random nor converged
            w.withUnsafeBufferPointer { wp in wsn.withUnsafeMutableBufferPointer { sn.forward(weight: wp, into: $0) } }
        }
        var grad = [Float](repeating: 0, count: w.count)
        r.withUnsafeBufferPointer { g in wsn.withUnsafeBufferPointer { n in
            grad.withUnsafeMutableBufferPointer { sn.backward(gradNormalized: g, normalized: n, into: $0) }
        } }
        func loss(_ m: [Float]) -> Double {
            let sigma = Double(m.withUnsafeBufferPointer { sn.sigmaWithFixedVectors(weight: $0) })
            return zip(m, r).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / sigma
        }
        let eps: Float = 1e-3
        var maxErr = 0.0
        for i in 0..<w.count {
            var p = w, m = w
            p[i] += eps
            m[i] -= eps
            let fd = (loss(p) - loss(m)) / Double(2 * eps)
            maxErr = max(maxErr, abs(fd - Double(grad[i])))
        }
        #expect(maxErr < 2e-3, "max |fd - backward| = \(maxErr)")
        // The σ term matters: the gradient is not just R/σ.
        let naive = zip(grad, r).map { abs($0 - $1 / sn.sigma) }.max()!
        #expect(naive > 1e-2)
    }

    /// Three training forwards and one backward against torch.nn.utils.spectral_norm.
    @Test func matchesPyTorchSpectralNorm() throws {
        struct Golden: Decodable {
            var rows, cols: Int
            var weight, u0, v0, gradNormalized, sigmas, u, v, normalized, gradWeight: [Float]
        }
        let url = try #require(Bundle.module.url(forResource: "spectralnorm_golden", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        let g = try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
        var sn = SpectralNorm(rows: g.rows, cols: g.cols, seed: 0)
        sn.u = g.u0
        sn.v = g.v0
        var wsn = [Float](repeating: 0, count: g.weight.count)
        for step in 0..<3 {
            g.weight.withUnsafeBufferPointer { wp in wsn.withUnsafeMutableBufferPointer { sn.forward(weight: wp, into: $0) } }
            #expect(abs(sn.sigma - g.sigmas[step]) < 1e-5, "step \(step): \(sn.sigma) vs \(g.sigmas[step])")
        }
        func maxDiff(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).map { abs($0 - $1) }.max()! }
        #expect(maxDiff(sn.u, g.u) < 1e-5 && maxDiff(sn.v, g.v) < 1e-5)
        #expect(maxDiff(wsn, g.normalized) < 1e-5)
        var grad = [Float](repeating: 0, count: wsn.count)
        g.gradNormalized.withUnsafeBufferPointer { gp in wsn.withUnsafeBufferPointer { np in
            grad.withUnsafeMutableBufferPointer { sn.backward(gradNormalized: gp, normalized: np, into: $0) }
        } }
        #expect(maxDiff(grad, g.gradWeight) < 1e-5, "max |swift - torch| = \(maxDiff(grad, g.gradWeight))")
    }
}
