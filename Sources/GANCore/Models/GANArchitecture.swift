/// The networks a run trains (`dman train --arch`).
public enum GANArchitecture: String, Codable, Sendable, CaseIterable {
    /// carpedm20's DCGAN generator and discriminator, exactly (the default).
    case dcgan
    /// FastGAN-style networks (Liu et al., ICLR 2021) scaled to a CPU: a
    /// generator with skip-layer excitation (``SkipLayerExcitation``) and
    /// DCGAN's discriminator with a self-supervised reconstruction decoder
    /// on its 8×8 feature map (``ReconstructionBranch``). Image size ≥ 16.
    case fastgan
}

/// How FastGAN's generator doubles its resolution (`dman train --g-upsample`).
public enum GeneratorUpsampling: String, Codable, Sendable, CaseIterable {
    /// A 5×5 stride-2 transposed convolution (DCGAN's; the default: on a CPU
    /// it needs 25/36 of the multiply-adds and about a third of the column
    /// memory of the upsample + 3×3 convolution that computes the same size).
    case transposed
    /// Nearest-neighbour upsampling ×2, then a 3×3 convolution (FastGAN's).
    case nearest
}
