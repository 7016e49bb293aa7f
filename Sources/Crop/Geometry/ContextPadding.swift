import DmanCore

/// Cuts a square region out of a picture, filling whatever lies outside it
/// according to a ``PadMode``. Pure Swift, on ``PixelImage``.
///
///     let square = ContextPadding.extract(from: image, region: region, mode: .mirror)
public enum ContextPadding {
    /// The `region.side`² pixels of `region`; inside pixels are copied exactly.
    public static func extract(from image: PixelImage, region: SquareRegion, mode: PadMode) -> PixelImage {
        let side = region.side, ch = image.channels
        var out = PixelImage(width: side, height: side, channels: ch)
        let inside = region.x >= 0 && region.y >= 0 && region.x + side <= image.width && region.y + side <= image.height
        let fill: PadMode = mode == .blur ? .mirror : mode == .fade ? .edge : mode
        let xs = (0..<side).map { sourceIndex(region.x + $0, extent: image.width, mode: fill) }
        let ys = (0..<side).map { sourceIndex(region.y + $0, extent: image.height, mode: fill) }
        var color = [UInt8](repeating: 255, count: ch)
        if case .color(let c) = mode { color[0] = c.red; color[1] = c.green; color[2] = c.blue }
        image.pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for oy in 0..<side {
                    let row = oy * side * ch
                    if inside {
                        let s = ((region.y + oy) * image.width + region.x) * ch
                        dst.baseAddress!.advanced(by: row).update(from: src.baseAddress!.advanced(by: s), count: side * ch)
                        continue
                    }
                    let sy = ys[oy]
                    for ox in 0..<side {
                        let sx = xs[ox], d = row + ox * ch
                        if sx < 0 || sy < 0 {
                            for c in 0..<ch { dst[d + c] = color[c] }
                        } else {
                            let s = (sy * image.width + sx) * ch
                            for c in 0..<ch { dst[d + c] = src[s + c] }
                        }
                    }
                }
            }
        }
        if mode == .blur && !inside { blurOutside(&out, region: region, imageWidth: image.width, imageHeight: image.height) }
        if mode == .fade && !inside { fadeOutside(&out, region: region, imageWidth: image.width, imageHeight: image.height) }
        return out
    }

    /// The source row/column for coordinate `i`, or -1 for a solid colour.
    static func sourceIndex(_ i: Int, extent n: Int, mode: PadMode) -> Int {
        if i >= 0 && i < n { return i }
        switch mode {
        case .color: return -1
        case .edge, .fade: return min(max(i, 0), n - 1)
        case .mirror, .blur:
            if n == 1 { return 0 }
            let period = 2 * (n - 1)
            let m = ((i % period) + period) % period
            return m < n ? m : period - m
        }
    }

    /// Blurs the mirrored fill (three box passes ≈ Gaussian) and keeps the
    /// picture's own pixels sharp.
    static func blurOutside(_ img: inout PixelImage, region: SquareRegion, imageWidth: Int, imageHeight: Int) {
        let original = img
        let radius = max(2, img.width / 24)
        for _ in 0..<3 { boxBlur(&img, radius: radius, horizontal: true); boxBlur(&img, radius: radius, horizontal: false) }
        let ch = img.channels
        for y in 0..<img.height {
            let sy = region.y + y
            for x in 0..<img.width {
                let sx = region.x + x
                if sx >= 0 && sy >= 0 && sx < imageWidth && sy < imageHeight {
                    let o = img.offset(x, y)
                    for c in 0..<ch { img.pixels[o + c] = original.pixels[o + c] }
                }
            }
        }
    }

    /// Blurs the repeated edge (three box passes ≈ Gaussian, radius side/12)
    /// and fades it into the mean colour of the padding with the distance to
    /// the picture (fully faded `side/6` pixels out); the picture's own pixels stay sharp.
    static func fadeOutside(_ img: inout PixelImage, region: SquareRegion, imageWidth: Int, imageHeight: Int) {
        let original = img, ch = img.channels
        let radius = max(2, img.width / 12)
        for _ in 0..<3 { boxBlur(&img, radius: radius, horizontal: true); boxBlur(&img, radius: radius, horizontal: false) }
        func distance(_ x: Int, _ y: Int) -> Double {
            let sx = region.x + x, sy = region.y + y
            let dx = max(0, -sx, sx - (imageWidth - 1)), dy = max(0, -sy, sy - (imageHeight - 1))
            return Double(dx * dx + dy * dy).squareRoot()
        }
        var mean = [Double](repeating: 0, count: ch), count = 0.0
        for y in 0..<img.height { for x in 0..<img.width where distance(x, y) > 0 {
            let o = img.offset(x, y)
            for c in 0..<ch { mean[c] += Double(img.pixels[o + c]) }
            count += 1
        } }
        guard count > 0 else { return }
        mean = mean.map { $0 / count }
        let reach = max(4.0, Double(img.width) / 6)
        for y in 0..<img.height {
            for x in 0..<img.width {
                let o = img.offset(x, y), d = distance(x, y)
                if d == 0 {
                    for c in 0..<ch { img.pixels[o + c] = original.pixels[o + c] }
                    continue
                }
                let t = min(1, d / reach), w = t * t * (3 - 2 * t)   // smoothstep
                for c in 0..<ch { img.pixels[o + c] = UInt8((Double(img.pixels[o + c]) * (1 - w) + mean[c] * w).rounded()) }
            }
        }
    }

    /// One running-sum box blur pass along rows or columns (edges clamped).
    static func boxBlur(_ img: inout PixelImage, radius r: Int, horizontal: Bool) {
        let w = img.width, h = img.height, ch = img.channels
        let lines = horizontal ? h : w, length = horizontal ? w : h
        let src = img.pixels
        let window = 2 * r + 1
        src.withUnsafeBufferPointer { s in
            img.pixels.withUnsafeMutableBufferPointer { d in
                for line in 0..<lines {
                    @inline(__always) func at(_ i: Int) -> Int {
                        let k = min(max(i, 0), length - 1)
                        return (horizontal ? line * w + k : k * w + line) * ch
                    }
                    for c in 0..<ch {
                        var sum = 0
                        for i in -r...r { sum += Int(s[at(i) + c]) }
                        for i in 0..<length {
                            d[at(i) + c] = UInt8((sum + window / 2) / window)
                            sum += Int(s[at(i + r + 1) + c]) - Int(s[at(i - r) + c])
                        }
                    }
                }
            }
        }
    }
}
