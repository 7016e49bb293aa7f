import DmanCore

/// An RGB picture held as `Float` samples on the 0…255 scale while native
/// kernels run, so that a chain of steps rounds once, at the end (as
/// ImageMagick's 16-bit quantum does).
struct FloatImage {
    var width: Int
    var height: Int
    /// `width * height * 3`, interleaved RGB.
    var samples: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        samples = [Float](repeating: 0, count: width * height * 3)
    }

    init(_ image: PixelImage) {
        precondition(image.channels == 3, "native kernels handle RGB only")
        width = image.width
        height = image.height
        samples = image.pixels.map { Float($0) }
    }

    /// Quantises as ImageMagick's Q16 pipeline and PNG writer do: round to
    /// 16 bits (`ClampToQuantum`), then drop the low byte's share (q / 257,
    /// truncating), which is what `convert … out.png` stores.
    func pixelImage() -> PixelImage {
        let bytes = samples.map { v -> UInt8 in
            let q = Int((min(255, max(0, v)) * 257).rounded())
            return UInt8(q / 257)
        }
        return PixelImage(width: width, height: height, channels: 3, pixels: bytes)
    }
}

/// How a kernel reads pixels outside the picture (ImageMagick's virtual pixels).
enum Outside {
    case edge, mirror

    /// The in-range index standing for `i` on an axis of length `n`.
    @inline(__always)
    func index(_ i: Int, _ n: Int) -> Int {
        if i >= 0 && i < n { return i }
        switch self {
        case .edge: return i < 0 ? 0 : n - 1
        case .mirror:
            // Reflect with the edge repeated: … 1 0 | 0 1 … n-1 | n-1 n-2 …
            let period = 2 * n
            var m = i % period
            if m < 0 { m += period }
            return m < n ? m : period - 1 - m
        }
    }
}
