import DmanCore

/// ``SpectralNorm`` on every conv and linear weight of a discriminator
/// (`--spectral-norm`), as PyTorch's `torch.nn.utils.spectral_norm`.
///
/// Between iterations each weight holds the raw (unnormalised) W, which the
/// optimiser updates and checkpoints save. ``normalize()`` runs one power
/// iteration per weight and swaps W/σ into the layer; ``backward()`` maps the
/// gradient with respect to W/σ to the gradient with respect to W (first
/// order: u, v constant) and swaps W back; ``restore()`` only swaps W back.
/// Checkpoints keep u and v as `<weight name>_u` / `_v` (PyTorch's
/// `weight_u` / `weight_v`), so a resumed run continues bit for bit.
public final class DiscriminatorSpectralNorm: @unchecked Sendable {
    /// The normalised parameters (conv and linear weights, not BatchNorm's).
    public let parameters: [Parameter]
    /// Power-iteration state of each weight.
    public var norms: [SpectralNorm]
    private var raw: [[Float]]
    private var normalized = false

    /// Starts u and v from `seed` and runs 15 power iterations (as PyTorch's
    /// `parametrizations.spectral_norm` does at registration).
    public init(discriminator: DCGANDiscriminator, seed: UInt64) {
        var params: [Parameter] = []
        var norms: [SpectralNorm] = []
        for layer in discriminator.network.layers {
            let w: Parameter
            if let c = layer as? Conv2d { w = c.weight } else if let l = layer as? Linear { w = l.weight } else { continue }
            let rows = w.value.shape[0], cols = w.value.count / rows
            var rng = SplitMix64.derived(seed: seed, item: w.name, stage: "gan-spectral-norm")
            var sn = SpectralNorm(rows: rows, cols: cols, seed: rng.next())
            sn.powerIterate(weight: UnsafeBufferPointer(start: w.value.data, count: w.value.count), count: 15)
            params.append(w)
            norms.append(sn)
        }
        parameters = params
        self.norms = norms
        raw = params.map { [Float](repeating: 0, count: $0.value.count) }
    }

    /// One power iteration per weight; the layers then compute with W/σ.
    public func normalize() {
        precondition(!normalized, "spectral norm applied twice")
        for (k, p) in parameters.enumerated() {
            let n = p.value.count
            raw[k].withUnsafeMutableBufferPointer { r in
                r.baseAddress!.update(from: p.value.data, count: n)
                norms[k].forward(weight: UnsafeBufferPointer(r), into: UnsafeMutableBufferPointer(start: p.value.data, count: n))
            }
        }
        normalized = true
    }

    /// Gradients w.r.t. W/σ become gradients w.r.t. W; the layers get W back.
    public func backward() {
        precondition(normalized)
        for (k, p) in parameters.enumerated() {
            let n = p.value.count
            norms[k].backward(gradNormalized: UnsafeBufferPointer(start: p.gradient.data, count: n),
                              normalized: UnsafeBufferPointer(start: p.value.data, count: n),
                              into: UnsafeMutableBufferPointer(start: p.gradient.data, count: n))
        }
        restore()
    }

    /// Puts the raw weights back (after a pass that needed no weight gradient).
    public func restore() {
        guard normalized else { return }
        for (k, p) in parameters.enumerated() {
            raw[k].withUnsafeBufferPointer { p.value.data.update(from: $0.baseAddress!, count: p.value.count) }
        }
        normalized = false
    }
}
