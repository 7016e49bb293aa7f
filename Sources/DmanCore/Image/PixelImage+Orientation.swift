/// EXIF orientation (tag 0x0112) applied to stored pixels, as ImageMagick's
/// `-auto-orient` does.
extension PixelImage {
    /// The upright picture for stored pixels tagged with EXIF `orientation`
    /// (1 upright, 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed,
    /// 6 turned 90° clockwise to view, 7 transversed, 8 turned 90°
    /// counter-clockwise to view). Values outside 2…8 return `self`.
    package func uprighted(exif orientation: Int) -> PixelImage {
        guard (2...8).contains(orientation) else { return self }
        let w = width, h = height, ch = channels
        let swaps = orientation >= 5
        var out = PixelImage(width: swaps ? h : w, height: swaps ? w : h, channels: ch)
        let ow = out.width, oh = out.height
        pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for y in 0..<oh {
                    for x in 0..<ow {
                        let (sx, sy): (Int, Int)
                        switch orientation {
                        case 2: (sx, sy) = (w - 1 - x, y)
                        case 3: (sx, sy) = (w - 1 - x, h - 1 - y)
                        case 4: (sx, sy) = (x, h - 1 - y)
                        case 5: (sx, sy) = (y, x)
                        case 6: (sx, sy) = (y, h - 1 - x)
                        case 7: (sx, sy) = (w - 1 - y, h - 1 - x)
                        default: (sx, sy) = (w - 1 - y, x)
                        }
                        let s = (sy * w + sx) * ch, d = (y * ow + x) * ch
                        for c in 0..<ch { dst[d + c] = src[s + c] }
                    }
                }
            }
        }
        return out
    }
}
