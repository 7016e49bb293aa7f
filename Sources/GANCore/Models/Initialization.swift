import DmanCore
import Foundation

/// Seeded random numbers for weights and latent vectors.
///
/// Each parameter draws from its own generator derived from (seed, parameter
/// name), so initial weights do not depend on creation order.
public enum Initialization {
    /// A standard normal sample (Box–Muller; one sample per two uniforms).
    @inline(__always)
    public static func normal(_ rng: inout SplitMix64) -> Double {
        var u1 = rng.nextUnitDouble()
        if u1 < 1e-300 { u1 = 1e-300 }
        let u2 = rng.nextUnitDouble()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Fills `tensor` with N(0, std²), redrawing values beyond 2·std when
    /// `truncated` (TensorFlow's `truncated_normal_initializer`).
    public static func fillNormal(_ tensor: Tensor, std: Double, truncated: Bool, seed: UInt64, name: String) {
        var rng = SplitMix64.derived(seed: seed, item: name, stage: "init")
        for i in 0..<tensor.count {
            var x = normal(&rng)
            while truncated && abs(x) > 2 { x = normal(&rng) }
            tensor[i] = Float(x * std)
        }
    }

    /// Fills `z` (`[N, zDim]`) with latent vectors for one step.
    public static func fillLatent(_ z: Tensor, distribution: DCGANConfig.ZDistribution, rng: inout SplitMix64) {
        for i in 0..<z.count {
            switch distribution {
            case .uniform: z[i] = Float(rng.nextUnitDouble() * 2 - 1)
            case .normal: z[i] = Float(normal(&rng))
            }
        }
    }
}
