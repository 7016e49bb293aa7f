import DmanCore

/// The 32×32 luma thumbnail all of dman's hashes start from.
public enum Thumbnail {
    /// Area-averaged (Pillow `BOX` filter) 32×32 luma plane of a luma image.
    ///
    /// This is dman's one deliberate difference from `imagehash`, which
    /// resamples with Lanczos for each hash separately: the box filter is 5–10×
    /// cheaper and averages away JPEG noise; `bench/audit/README.md` reports
    /// how often the two pipelines' bits differ.
    public static func gray32(luma: [UInt8], width: Int, height: Int) -> [UInt8] {
        Resampler.resizePlane(luma, width: width, height: height, toWidth: 32, toHeight: 32, kernel: .box)
    }

    /// The thumbnail of a picture.
    ///
    /// When both sides are multiples of 32 (128, 256, ... px crops), luma and
    /// the horizontal box pass are fused into one sweep over the pixels; the
    /// result is identical to the general path (tested).
    public static func gray32(_ image: PixelImage) -> [UInt8] {
        let w = image.width, h = image.height
        guard w % 32 == 0, h % 32 == 0 else {
            return gray32(luma: PillowLuma.luma(image), width: w, height: h)
        }
        let rx = w / 32, ry = h / 32, ch = image.channels
        let wx = Int(ResampleTable.cached(kernel: .box, arithmetic: .pillow, inSize: w, outSize: 32).fixedPointWeights[0])
        let wy = Int(ResampleTable.cached(kernel: .box, arithmetic: .pillow, inSize: h, outSize: 32).fixedPointWeights[0])
        let half = 1 << 21
        var rows = [UInt8](repeating: 0, count: 32 * h)
        image.pixels.withUnsafeBufferPointer { p in
            rows.withUnsafeMutableBufferPointer { t in
                for y in 0..<h {
                    var o = y * w * ch
                    for xx in 0..<32 {
                        var sum = 0
                        for _ in 0..<rx {
                            let r: UInt32 = UInt32(p[o]) &* 19595
                            let g: UInt32 = UInt32(p[o + 1]) &* 38470
                            let b: UInt32 = UInt32(p[o + 2]) &* 7471
                            sum += Int((r &+ g &+ b &+ 0x8000) >> 16)
                            o += ch
                        }
                        t[y * 32 + xx] = Resampler.clip8(half + sum * wx)
                    }
                }
            }
        }
        var out = [UInt8](repeating: 0, count: 1024)
        for yy in 0..<32 {
            for xx in 0..<32 {
                var sum = 0
                for y in (yy * ry)..<(yy * ry + ry) { sum += Int(rows[y * 32 + xx]) }
                out[yy * 32 + xx] = Resampler.clip8(half + sum * wy)
            }
        }
        return out
    }
}
