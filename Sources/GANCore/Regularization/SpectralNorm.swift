import DmanCore
import Foundation

/// Spectral normalisation (Miyato et al. 2018) of one weight, with the
/// persistent power-iteration state PyTorch keeps in `weight_u` / `weight_v`.
///
/// The weight is viewed as a row-major `rows × cols` matrix. PyTorch uses
/// `rows = out channels`, `cols = in·kh·kw` for a conv weight `[out][in][kh][kw]`;
/// any layout where the buffer is a row-major matrix of either orientation
/// gives the same σ (singular values do not change under transposition).
///
/// Each training step, ``forward(weight:into:)`` runs one power iteration
/// (`v = norm(Wᵀu)`, `u = norm(Wv)`, `σ = uᵀWv`), writes `W/σ`, and keeps u, v.
/// ``backward(gradNormalized:normalized:into:)`` is the first-order gradient
/// PyTorch computes (u, v treated as constants):
///
///     dW = (dWsn − ⟨dWsn, Wsn⟩ · u vᵀ) / σ
///
///     var sn = SpectralNorm(rows: out, cols: inC * kh * kw, seed: 1)
///     sn.forward(weight: w, into: wsn)          // D's conv uses wsn
///     sn.backward(gradNormalized: dWsn, normalized: wsn, into: dW)  // optimiser updates w with dW
public struct SpectralNorm: Sendable, Codable, Equatable {
    /// Rows of the matrix view (u has this many entries).
    public let rows: Int
    /// Columns of the matrix view (v has this many entries).
    public let cols: Int
    /// Left singular vector estimate (persistent; saved in checkpoints).
    public var u: [Float]
    /// Right singular vector estimate (persistent).
    public var v: [Float]
    /// σ from the last ``forward(weight:into:)``.
    public var sigma: Float = 1
    /// Added to norms before dividing, as PyTorch's `eps`.
    public var eps: Float = 1e-12

    /// Random unit u and v drawn from N(0, 1) (seeded), as PyTorch initialises them.
    public init(rows: Int, cols: Int, seed: UInt64) {
        precondition(rows > 0 && cols > 0)
        self.rows = rows
        self.cols = cols
        var rng = SplitMix64(seed: seed)
        func unitGaussian(_ n: Int) -> [Float] {
            var a = (0..<n).map { _ in Float(SpectralNorm.gaussian(&rng)) }
            let norm = a.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for i in 0..<n { a[i] /= max(norm, 1e-12) }
            return a
        }
        u = unitGaussian(rows)
        v = unitGaussian(cols)
    }

    /// Runs `count` power iterations without producing a normalised weight
    /// (PyTorch's `parametrizations.spectral_norm` does 15 at registration).
    public mutating func powerIterate(weight: UnsafeBufferPointer<Float>, count: Int) {
        for _ in 0..<count { sigma = step(weight) }
    }

    /// One power iteration, then `normalized = weight / σ`. No allocation.
    public mutating func forward(weight: UnsafeBufferPointer<Float>, into normalized: UnsafeMutableBufferPointer<Float>) {
        precondition(normalized.count == weight.count)
        sigma = step(weight)
        let inv = 1 / sigma
        for i in 0..<weight.count { normalized[i] = weight[i] * inv }
    }

    /// σ = uᵀWv for the current (fixed) u and v, without updating them.
    public func sigmaWithFixedVectors(weight: UnsafeBufferPointer<Float>) -> Float {
        precondition(weight.count == rows * cols)
        var s: Double = 0
        for r in 0..<rows {
            var dot: Double = 0
            let row = r * cols
            for c in 0..<cols { dot += Double(weight[row + c]) * Double(v[c]) }
            s += Double(u[r]) * dot
        }
        return Float(s)
    }

    /// `gradWeight = (g − ⟨g, Wsn⟩ u vᵀ) / σ` with g = dL/dWsn.
    public func backward(gradNormalized g: UnsafeBufferPointer<Float>, normalized wsn: UnsafeBufferPointer<Float>,
                         into gradWeight: UnsafeMutableBufferPointer<Float>) {
        precondition(g.count == rows * cols && wsn.count == g.count && gradWeight.count == g.count)
        var inner: Double = 0
        for i in 0..<g.count { inner += Double(g[i]) * Double(wsn[i]) }
        let k = Float(inner), inv = 1 / sigma
        for r in 0..<rows {
            let ur = k * u[r], row = r * cols
            for c in 0..<cols { gradWeight[row + c] = (g[row + c] - ur * v[c]) * inv }
        }
    }

    /// v = norm(Wᵀu), u = norm(Wv); returns σ = uᵀWv = ‖Wv‖. Works in u and
    /// v's own storage (no allocation).
    private mutating func step(_ w: UnsafeBufferPointer<Float>) -> Float {
        precondition(w.count == rows * cols, "SpectralNorm: weight has \(w.count) values, view is \(rows)x\(cols)")
        let (rows, cols, eps) = (self.rows, self.cols, Double(self.eps))
        u.withUnsafeMutableBufferPointer { u in
            v.withUnsafeMutableBufferPointer { v in
                v.update(repeating: 0)
                for r in 0..<rows {
                    let ur = u[r], row = r * cols
                    for c in 0..<cols { v[c] += ur * w[row + c] }
                }
                var norm: Double = 0
                for c in 0..<cols { norm += Double(v[c]) * Double(v[c]) }
                let invV = Float(1 / max(norm.squareRoot(), eps))
                for c in 0..<cols { v[c] *= invV }
                // u is no longer needed: overwrite it with Wv, then normalise.
                norm = 0
                for r in 0..<rows {
                    var dot: Double = 0
                    let row = r * cols
                    for c in 0..<cols { dot += Double(w[row + c]) * Double(v[c]) }
                    u[r] = Float(dot)
                    norm += dot * dot
                }
                norm = norm.squareRoot()
                let invU = Float(1 / max(norm, eps))
                for r in 0..<rows { u[r] *= invU }
                // σ = uᵀ(Wv) = ‖Wv‖²/max(‖Wv‖, eps)
                self.sigma = Float(norm * norm / max(norm, eps))
            }
        }
        return sigma
    }

    /// A standard normal draw (Box–Muller).
    static func gaussian(_ rng: inout SplitMix64) -> Double {
        let u1 = 1 - rng.nextUnitDouble(), u2 = rng.nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
