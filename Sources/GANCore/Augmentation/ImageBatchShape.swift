/// The shape of a batch of images stored as Float32 NCHW: element
/// `((n * c + ch) * h + y) * w + x` is channel `ch` of pixel (x, y) of image
/// `n`, values in [-1, 1].
///
/// The issue-6 pieces (``DiffAugment``, ``HingeLoss``, ``SpectralNorm``, …)
/// take raw buffers plus this shape, so they plug into any tensor type.
public struct ImageBatchShape: Sendable, Equatable, Hashable, Codable {
    /// Number of images.
    public var n: Int
    /// Channels per image.
    public var c: Int
    /// Height in pixels.
    public var h: Int
    /// Width in pixels.
    public var w: Int

    public init(n: Int, c: Int, h: Int, w: Int) {
        precondition(n >= 0 && c > 0 && h > 0 && w > 0, "bad batch shape \(n)x\(c)x\(h)x\(w)")
        self.n = n
        self.c = c
        self.h = h
        self.w = w
    }

    /// Elements in one image (`c * h * w`).
    public var imageCount: Int { c * h * w }
    /// Elements in the batch (`n * c * h * w`).
    public var count: Int { n * c * h * w }
}
