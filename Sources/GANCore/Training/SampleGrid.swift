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

/// A plain line chart of the discriminator (blue) and generator (orange)
/// losses per iteration, drawn without any font (grid lines at loss integers).
public enum LossCurve {
    public static func draw(_ records: [IterationRecord], width: Int = 800, height: Int = 400) -> PixelImage {
        var img = PixelImage(width: width, height: height, channels: 3)
        img.pixels = [UInt8](repeating: 255, count: width * height * 3)
        let margin = 20
        let plotW = width - 2 * margin, plotH = height - 2 * margin
        let values = records.flatMap { [$0.losses.discriminator, $0.losses.generator] }.filter(\.isFinite)
        let top = max(1.0, (values.max() ?? 1).rounded(.up))
        func put(_ x: Int, _ y: Int, _ c: (UInt8, UInt8, UInt8)) {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            let o = img.offset(x, y)
            img.pixels[o] = c.0; img.pixels[o + 1] = c.1; img.pixels[o + 2] = c.2
        }
        var level = 0.0
        while level <= top {
            let y = margin + plotH - Int(level / top * Double(plotH))
            for x in margin...(margin + plotW) { put(x, y, level == 0 ? (0, 0, 0) : (220, 220, 220)) }
            level += max(1, (top / 10).rounded(.up))
        }
        for y in margin...(margin + plotH) { put(margin, y, (0, 0, 0)) }
        guard records.count > 1 else { return img }
        let first = Double(records.first!.step), span = max(1, Double(records.last!.step) - first)
        for (series, colour) in [(0, (31 as UInt8, 119 as UInt8, 180 as UInt8)), (1, (255, 127, 14))] {
            var prev: (Int, Int)?
            for r in records {
                let v = series == 0 ? r.losses.discriminator : r.losses.generator
                guard v.isFinite else { prev = nil; continue }
                let x = margin + Int((Double(r.step) - first) / span * Double(plotW))
                let y = margin + plotH - Int(min(v, top) / top * Double(plotH))
                if let (px, py) = prev { line(px, py, x, y) { put($0, $1, colour) } } else { put(x, y, colour) }
                prev = (x, y)
            }
        }
        return img
    }

    static func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ plot: (Int, Int) -> Void) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            plot(x, y)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }
}
