import Foundation
internal import CMagickWand

/// Reduced-size JPEG decoding for the crop stage.
///
/// When crops will be downscaled a lot, decoding a JPEG at 1/2, 1/4 or 1/8
/// of its size (libjpeg's DCT scaling, ImageMagick's `-define jpeg:size`)
/// does a good share of the downscaling inside the decoder, at a fraction
/// of the cost. Every safety check of ``ImageCodec/decode(_:maxPixels:)``
/// still applies (content sniffing, area cap on the declared full size,
/// raster coder only).
extension ImageCodec {
    /// Format and stored (not EXIF-rotated) size a picture's header declares,
    /// or nil when the header cannot be read without a decoder.
    package static func headerInfo(_ data: Data) -> (format: RasterFormat, width: Int, height: Int)? {
        let head = [UInt8](data.prefix(64 * 1024))
        guard let format = RasterFormat(sniffing: head), let dims = ImageHeader.dimensions(of: head, format: format) else { return nil }
        return (format, dims.width, dims.height)
    }

    /// Decodes like ``decode(_:maxPixels:)``; a JPEG is decoded at
    /// 1/`jpegReduction` of its width and height (`jpegReduction` 2, 4 or 8;
    /// the result is `ceil(width / reduction)` wide). Other formats, and
    /// `jpegReduction` 1, decode at full size.
    /// A plain 8-bit PNG goes through ``PNGFastDecoder``.
    /// With a `window`, a JPEG may be decoded only there (see
    /// ``decodeJPEG(_:maxPixels:reduction:window:)``).
    package static func decode(_ data: Data, maxPixels: Int?, jpegReduction k: Int,
                               window: DecodeWindow? = nil) throws(MagickError) -> DecodedImage {
        switch RasterFormat(sniffing: data.prefix(16)) {
        case .jpeg:
            if let decoded = try decodeJPEG(data, maxPixels: maxPixels, reduction: k, window: window) { return decoded }
        case .png:
            // Plain 8-bit PNGs (pixels equal ImageMagick's, see PNGFastDecoder) skip ImageMagick's set-up.
            if let image = PNGFastDecoder.decode(data, maxPixels: maxPixels) {
                return DecodedImage(image: image, format: .png, frameCount: 1, orientation: 1)
            }
        default:
            break
        }
        return try decodeWithImageMagick(data, maxPixels: maxPixels, jpegReduction: k)
    }

    /// ImageMagick's reduced decode (`-define jpeg:size`): the fallback of
    /// ``decode(_:maxPixels:jpegReduction:window:)`` and the reference its tests compare with.
    package static func decodeWithImageMagick(_ data: Data, maxPixels: Int?, jpegReduction k: Int) throws(MagickError) -> DecodedImage {
        guard [2, 4, 8].contains(k), let info = headerInfo(data), info.format == .jpeg else {
            return try decodeWithImageMagick(data, maxPixels: maxPixels)
        }
        let limit = maxPixels ?? MagickRuntime.shared.limits.maxPixels
        if info.width <= 0 || info.height <= 0 {
            throw MagickError(kind: .decode, message: "header declares an empty image", operation: "read")
        }
        if info.width * info.height > limit || max(info.width, info.height) > MagickRuntime.shared.limits.maxSide {
            throw MagickError(kind: .tooLarge(width: info.width, height: info.height, limit: limit),
                              message: "header declares \(info.width)×\(info.height) pixels, above the cap of \(limit)",
                              operation: "read")
        }
        let image = try MagickImage(decoding: data, format: .jpeg,
                                    options: ["jpeg:size": "\(max(1, info.width / k))x\(max(1, info.height / k))"])
        let w = image.wand
        let orientation = Int(MagickGetImageOrientation(w).rawValue)
        if orientation > 1 && MagickAutoOrientImage(w) != MagickTrue {
            throw MagickError.from(wand: w, kind: .operation, operation: "auto-orient")
        }
        return DecodedImage(image: try exportPixels(w), format: .jpeg,
                            frameCount: Int(MagickGetNumberImages(w)), orientation: orientation)
    }

    /// 8-bit sRGB pixels of the wand's current frame (alpha only when present).
    private static func exportPixels(_ w: OpaquePointer) throws(MagickError) -> PixelImage {
        let cs = MagickGetImageColorspace(w)
        if cs != sRGBColorspace && cs != RGBColorspace && cs != GRAYColorspace && cs != UndefinedColorspace {
            if MagickTransformImageColorspace(w, sRGBColorspace) != MagickTrue {
                throw MagickError.from(wand: w, kind: .operation, operation: "colorspace")
            }
        }
        let alpha = MagickGetImageAlphaChannel(w) == MagickTrue
        var out = PixelImage(width: Int(MagickGetImageWidth(w)), height: Int(MagickGetImageHeight(w)), channels: alpha ? 4 : 3)
        let ok = out.pixels.withUnsafeMutableBytes { raw in
            MagickExportImagePixels(w, 0, 0, out.width, out.height, alpha ? "RGBA" : "RGB", CharPixel, raw.baseAddress)
        }
        if ok != MagickTrue { throw MagickError.from(wand: w, kind: .operation, operation: "export pixels") }
        return out
    }
}
