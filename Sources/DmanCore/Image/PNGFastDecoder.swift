import Foundation
internal import CLibPNG

/// A fast decoder for the common case of 8-bit PNGs, through libpng's
/// simplified API (`png_image_*`), skipping ImageMagick's per-image set-up.
///
/// It answers `nil` whenever the file is not a plain 8-bit PNG that both
/// decoders read identically (16-bit samples, a `gAMA` chunk other than
/// sRGB's 1/2.2, an `iCCP` profile, an `eXIf` block, a size above the cap, or any libpng
/// failure); callers then use ``ImageCodec/decode(_:maxPixels:)``, which also
/// produces the error message for broken files. Pixels equal ImageMagick's
/// export (RGB, or straight RGBA when the file has alpha or `tRNS`).
///
///     let image = try PNGFastDecoder.decode(data) ?? ImageCodec.decode(data).image
public enum PNGFastDecoder {
    /// Decodes `data` when the fast path applies, else returns `nil`.
    public static func decode(_ data: Data, maxPixels: Int? = nil) -> PixelImage? {
        guard let info = eligibleHeader(data) else { return nil }
        let limit = maxPixels ?? MagickRuntime.shared.limits.maxPixels
        guard info.width > 0, info.height > 0, info.width * info.height <= limit,
              max(info.width, info.height) <= MagickRuntime.shared.limits.maxSide else { return nil }
        return data.withUnsafeBytes { raw -> PixelImage? in
            var image = CLibPNG_image()
            image.version = CLibPNG_imageVersion
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, UInt(raw.count)) != 0 else {
                png_image_free(&image)
                return nil
            }
            let alpha = (image.format & CLibPNG_flagAlpha) != 0
            image.format = alpha ? CLibPNG_formatRGBA : CLibPNG_formatRGB
            let channels = alpha ? 4 : 3
            let width = Int(image.width), height = Int(image.height)
            guard width == info.width, height == info.height else { png_image_free(&image); return nil }
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            let ok = pixels.withUnsafeMutableBytes { out in
                png_image_finish_read(&image, nil, out.baseAddress, Int32(width * channels), nil)
            }
            png_image_free(&image)
            guard ok != 0 else { return nil }
            return PixelImage(width: width, height: height, channels: channels, pixels: pixels)
        }
    }

    struct Header { var width: Int; var height: Int }

    /// Reads IHDR and walks the chunks before IDAT; `nil` unless the fast
    /// path gives the same pixels as ImageMagick.
    static func eligibleHeader(_ data: Data) -> Header? {
        let sig: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard data.count > 33, data.prefix(8).elementsEqual(sig) else { return nil }
        return data.withUnsafeBytes { raw -> Header? in
            let b = raw.bindMemory(to: UInt8.self)
            func be32(_ o: Int) -> Int { Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3]) }
            guard b[12] == 0x49, b[13] == 0x48, b[14] == 0x44, b[15] == 0x52 else { return nil }  // IHDR
            let header = Header(width: be32(16), height: be32(20))
            guard b[24] == 8 else { return nil }  // bit depth
            var o = 8
            while o + 12 <= b.count {
                let length = be32(o)
                let type = (b[o + 4], b[o + 5], b[o + 6], b[o + 7])
                if type == (0x49, 0x44, 0x41, 0x54) { return header }  // IDAT: pixel data begins
                if type == (0x69, 0x43, 0x43, 0x50) { return nil }  // iCCP
                // zTXt / iTXt: libpng would inflate them (a decompression bomb); ImageCodec strips them instead.
                if type == (0x7A, 0x54, 0x58, 0x74) || type == (0x69, 0x54, 0x58, 0x74) { return nil }
                if type == (0x65, 0x58, 0x49, 0x66) { return nil }  // eXIf: may carry an orientation ImageMagick applies
                if type == (0x67, 0x41, 0x4D, 0x41) {  // gAMA: only sRGB's 45455 is read alike
                    guard length == 4, o + 12 <= b.count, abs(be32(o + 8) - 45455) <= 2 else { return nil }
                }
                o += 12 + length
            }
            return nil
        }
    }
}
