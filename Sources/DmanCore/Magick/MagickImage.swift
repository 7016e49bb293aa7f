import Foundation
internal import CMagickWand

/// One ImageMagick wand holding one image; the only owner of that C handle.
///
/// Created by decoding bytes (``init(decoding:format:)``) or from pixels
/// (``init(_:)``); destroyed in `deinit`. Operations that stages need are
/// package-level methods in `MagickImage+*.swift`; C types never leave this
/// module.
package final class MagickImage {
    let wand: OpaquePointer

    /// Decodes `data` with the coder of `format` only (never by guessing);
    /// `options` are coder options set first (`jpeg:size` for a DCT-scaled decode).
    package init(decoding data: Data, format: RasterFormat, options: [String: String] = [:]) throws(MagickError) {
        _ = MagickRuntime.shared
        guard let w = NewMagickWand() else {
            throw MagickError(kind: .operation, message: "cannot allocate a wand", operation: "read")
        }
        wand = w
        MagickSetFormat(w, format.coder)
        for (key, value) in options.sorted(by: { $0.key < $1.key }) { MagickSetOption(w, key, value) }
        let ok = data.withUnsafeBytes { raw in MagickReadImageBlob(w, raw.baseAddress, raw.count) }
        if ok != MagickTrue {
            throw MagickError.from(wand: w, kind: .decode, operation: "read")
        }
        // A cut JPEG can "succeed" with only a warning and no usable frame.
        if MagickGetNumberImages(w) == 0 || MagickGetImageWidth(w) == 0 || MagickGetImageHeight(w) == 0 {
            throw MagickError(kind: .decode, message: "no picture could be decoded (truncated or corrupt file)", operation: "read")
        }
        MagickResetIterator(w)
        _ = MagickSetIteratorIndex(w, 0)
    }

    /// Reads only the header of `data` (no pixels): its size is ``width``×``height``.
    package init(pinging data: Data, format: RasterFormat) throws(MagickError) {
        _ = MagickRuntime.shared
        guard let w = NewMagickWand() else {
            throw MagickError(kind: .operation, message: "cannot allocate a wand", operation: "ping")
        }
        wand = w
        MagickSetFormat(w, format.coder)
        let ok = data.withUnsafeBytes { MagickPingImageBlob(w, $0.baseAddress, $0.count) }
        if ok != MagickTrue { throw MagickError.from(wand: w, kind: .decode, operation: "read header") }
    }

    /// Builds an image from 8-bit interleaved pixels.
    package init(_ image: PixelImage) throws(MagickError) {
        _ = MagickRuntime.shared
        guard let w = NewMagickWand() else {
            throw MagickError(kind: .operation, message: "cannot allocate a wand", operation: "constitute")
        }
        wand = w
        let map = image.hasAlpha ? "RGBA" : "RGB"
        let ok = image.pixels.withUnsafeBytes { raw in
            MagickConstituteImage(w, image.width, image.height, map, CharPixel, raw.baseAddress)
        }
        if ok != MagickTrue {
            throw MagickError.from(wand: w, kind: .operation, operation: "constitute")
        }
    }

    deinit { DestroyMagickWand(wand) }

    /// Number of frames the file held (animated GIF, multi-page TIFF).
    package var frameCount: Int { Int(MagickGetNumberImages(wand)) }

    package var width: Int { Int(MagickGetImageWidth(wand)) }
    package var height: Int { Int(MagickGetImageHeight(wand)) }

    /// The EXIF orientation tag (1 = upright), as the decoder reported it.
    package var orientation: Int { Int(MagickGetImageOrientation(wand).rawValue) }

    /// Applies the EXIF orientation so that pixels are stored upright.
    package func autoOrient() throws(MagickError) {
        guard orientation > 1 else { return }
        if MagickAutoOrientImage(wand) != MagickTrue {
            throw MagickError.from(wand: wand, kind: .operation, operation: "auto-orient")
        }
    }

    /// Exports the current frame as 8-bit sRGB, with alpha only when present.
    package func pixelImage() throws(MagickError) -> PixelImage {
        let cs = MagickGetImageColorspace(wand)
        if cs != sRGBColorspace && cs != RGBColorspace && cs != GRAYColorspace && cs != UndefinedColorspace {
            if MagickTransformImageColorspace(wand, sRGBColorspace) != MagickTrue {
                throw MagickError.from(wand: wand, kind: .operation, operation: "colorspace")
            }
        }
        let alpha = MagickGetImageAlphaChannel(wand) == MagickTrue
        let channels = alpha ? 4 : 3
        var out = PixelImage(width: width, height: height, channels: channels)
        let ok = out.pixels.withUnsafeMutableBytes { raw in
            MagickExportImagePixels(wand, 0, 0, out.width, out.height, alpha ? "RGBA" : "RGB", CharPixel, raw.baseAddress)
        }
        if ok != MagickTrue {
            throw MagickError.from(wand: wand, kind: .operation, operation: "export pixels")
        }
        return out
    }

    /// Encodes the current frame as an 8-bit PNG with no time stamps, so
    /// equal pixels give equal bytes.
    package func pngData() throws(MagickError) -> Data {
        MagickStripImage(wand)
        MagickSetImageFormat(wand, "PNG")
        MagickSetImageDepth(wand, 8)
        MagickSetOption(wand, "png:exclude-chunks", "date,time")
        var length = 0
        guard let blob = MagickGetImageBlob(wand, &length) else {
            throw MagickError.from(wand: wand, kind: .encode, operation: "encode PNG")
        }
        defer { MagickRelinquishMemory(blob) }
        return Data(bytes: blob, count: length)
    }
}
