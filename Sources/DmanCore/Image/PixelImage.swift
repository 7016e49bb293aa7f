/// An 8-bit image held in memory: rows top to bottom, pixels left to right,
/// channels interleaved (RGB, or RGBA when ``hasAlpha``).
///
/// This is the one image type every stage shares. Decoding and encoding go
/// through ``ImageCodec``; geometry that several stages need lives in
/// extensions beside this file.
///
///     var image = PixelImage(width: 2, height: 1, channels: 3)
///     image[0, 0] = [255, 0, 0]
public struct PixelImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// 3 (RGB) or 4 (RGBA).
    public let channels: Int
    /// `width * height * channels` bytes, row-major, interleaved.
    public var pixels: [UInt8]

    /// Creates a black (and, with alpha, transparent) image.
    public init(width: Int, height: Int, channels: Int = 3) {
        precondition(width > 0 && height > 0, "image must not be empty")
        precondition(channels == 3 || channels == 4, "channels must be 3 or 4")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = [UInt8](repeating: 0, count: width * height * channels)
    }

    /// Wraps existing interleaved bytes.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "image must not be empty")
        precondition(channels == 3 || channels == 4, "channels must be 3 or 4")
        precondition(pixels.count == width * height * channels, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Whether the fourth channel is alpha.
    public var hasAlpha: Bool { channels == 4 }

    /// Number of pixels.
    public var area: Int { width * height }

    /// Byte offset of pixel (x, y).
    @inline(__always)
    public func offset(_ x: Int, _ y: Int) -> Int { (y * width + x) * channels }

    /// The channel values of pixel (x, y).
    public subscript(x: Int, y: Int) -> [UInt8] {
        get {
            let o = offset(x, y)
            return Array(pixels[o..<(o + channels)])
        }
        set {
            precondition(newValue.count == channels)
            let o = offset(x, y)
            for c in 0..<channels { pixels[o + c] = newValue[c] }
        }
    }
}
