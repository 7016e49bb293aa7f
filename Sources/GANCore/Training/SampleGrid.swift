import DmanCore

/// Converting generator output to pictures.
public enum SampleGrid {
    /// Image `index` of a channel-major `[3, N, S, S]` tensor in [−1, 1] as 8-bit RGB.
    public static func image(_ t: Tensor, index: Int) -> PixelImage {
        let n = t.shape[1], h = t.shape[2], w = t.shape[3], area = h * w
        var img = PixelImage(width: w, height: h, channels: 3)
        for c in 0..<3 {
            let src = t.data + (c * n + index) * area
            for p in 0..<area { img.pixels[p * 3 + c] = quantize(src[p]) }
        }
        return img
    }

    /// `(x + 1) · 127.5`, rounded and clamped to 0…255.
    @inline(__always)
    public static func quantize(_ x: Float) -> UInt8 {
        let v = ((x + 1) * 127.5).rounded()
        return UInt8(max(0, min(255, v)))
    }

    /// All images of `t` tiled in a near-square grid (row-major, no gaps; empty cells black).
    public static func grid(_ t: Tensor) -> PixelImage {
        let n = t.shape[1], h = t.shape[2], w = t.shape[3]
        var cols = 1
        while cols * cols < n { cols += 1 }
        let rows = (n + cols - 1) / cols
        var out = PixelImage(width: cols * w, height: rows * h, channels: 3)
        for i in 0..<n {
            let img = image(t, index: i)
            let ox = (i % cols) * w, oy = (i / cols) * h
            for y in 0..<h {
                let dst = out.offset(ox, oy + y), src = img.offset(0, y)
                out.pixels.replaceSubrange(dst..<(dst + w * 3), with: img.pixels[src..<(src + w * 3)])
            }
        }
        return out
    }
}
