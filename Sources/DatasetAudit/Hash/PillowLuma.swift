import DmanCore

/// Pillow-compatible grayscale conversion, so that hashes computed here match
/// Python `imagehash` given the same decoded pixels; the resizes that follow
/// are DmanCore's `Resampler.resizePlane` (Pillow's `Resample.c` arithmetic).
///
/// Follows Pillow's `Convert.c`: `L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16`.
package enum PillowLuma {
    /// 8-bit luma of every pixel (alpha ignored, as Pillow's `convert("L")`).
    package static func luma(_ image: PixelImage) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: image.area)
        let ch = image.channels
        image.pixels.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<image.area {
                    let r = UInt32(p[i * ch]), g = UInt32(p[i * ch + 1]), b = UInt32(p[i * ch + 2])
                    o[i] = UInt8((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16)
                }
            }
        }
        return out
    }
}
