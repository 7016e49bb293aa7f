import DatasetAudit
import DmanCore

/// The audit's perceptual hash (pHash of the 32×32 grey thumbnail), handed to
/// GANCore's mode-collapse detector and evaluation (GANCore does not import
/// DatasetAudit).
public enum ModeHash {
    public static let phash: @Sendable (PixelImage) -> UInt64 = { PerceptualHash.phash(gray32: Thumbnail.gray32($0)) }
    /// The audit's default near-duplicate threshold (bits of 64).
    public static let threshold = 10
}
