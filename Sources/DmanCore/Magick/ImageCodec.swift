import Foundation
internal import CMagickWand

/// A decoded picture and what the decoder noticed on the way.
public struct DecodedImage: Sendable {
    /// Upright pixels (EXIF orientation applied), RGB or RGBA.
    public var image: PixelImage
    /// The format recognised from the file's content.
    public var format: RasterFormat
    /// Frames in the file; only the first is decoded.
    public var frameCount: Int
    /// EXIF orientation found in the file (1 = upright), already applied.
    public var orientation: Int
}

/// Decodes pictures safely and encodes PNGs.
///
/// Decoding recognises the format from the bytes (``RasterFormat``), checks
/// the declared size against ``MagickRuntime/Limits`` before any pixel is
/// allocated, then runs only that format's coder: libjpeg-turbo directly for
/// JPEG (``decodeJPEG(_:maxPixels:reduction:window:)``), ImageMagick for the
/// others and for JPEG colour models that path does not convert.
///
///     let decoded = try ImageCodec.decode(Data(contentsOf: url))
///     let png = try ImageCodec.pngData(decoded.image)
public enum ImageCodec {
    /// Decodes one picture from its bytes.
    public static func decode(_ data: Data, maxPixels: Int? = nil) throws(MagickError) -> DecodedImage {
        try decode(data, maxPixels: maxPixels, fastJPEG: true)
    }

    /// Decodes like ``decode(_:maxPixels:)`` but always through ImageMagick
    /// (the reference the libjpeg-turbo path is tested against).
    package static func decodeWithImageMagick(_ data: Data, maxPixels: Int? = nil) throws(MagickError) -> DecodedImage {
        try decode(data, maxPixels: maxPixels, fastJPEG: false)
    }

    private static func decode(_ data: Data, maxPixels: Int?, fastJPEG: Bool) throws(MagickError) -> DecodedImage {
        let head = [UInt8](data.prefix(64 * 1024))
        guard !data.isEmpty else {
            throw MagickError(kind: .unsupportedFormat, message: "empty file (0 bytes)", operation: "read")
        }
        guard let format = RasterFormat(sniffing: head) else {
            throw MagickError(kind: .unsupportedFormat,
                              message: "not a PNG, JPEG, GIF, BMP, TIFF or WebP picture (content not recognised)",
                              operation: "read")
        }
        let limit = maxPixels ?? MagickRuntime.shared.limits.maxPixels
        let dims: (width: Int, height: Int)
        if let header = ImageHeader.dimensions(of: head, format: format) { dims = header } else { dims = try ping(data, format: format) }
        if dims.width <= 0 || dims.height <= 0 {
            throw MagickError(kind: .decode, message: "header declares an empty image", operation: "read")
        }
        if dims.width * dims.height > limit || max(dims.width, dims.height) > MagickRuntime.shared.limits.maxSide {
            throw MagickError(kind: .tooLarge(width: dims.width, height: dims.height, limit: limit),
                              message: "header declares \(dims.width)×\(dims.height) pixels, above the cap of \(limit)",
                              operation: "read")
        }
        if fastJPEG, format == .jpeg, let decoded = try decodeJPEG(data, maxPixels: limit) { return decoded }
        // zTXt/iTXt/iCCP can be decompression bombs; they never change the pixels (PNGCompressedMetadata).
        let magick = try MagickImage(decoding: format == .png ? PNGCompressedMetadata.stripped(data) : data, format: format)
        let orientation = magick.orientation
        try magick.autoOrient()
        return DecodedImage(image: try magick.pixelImage(), format: format,
                            frameCount: magick.frameCount, orientation: orientation)
    }

    /// Encodes pixels as a deterministic 8-bit PNG (no time chunks).
    public static func pngData(_ image: PixelImage) throws(MagickError) -> Data {
        try MagickImage(image).pngData()
    }

    private static func ping(_ data: Data, format: RasterFormat) throws(MagickError) -> (width: Int, height: Int) {
        let header = try MagickImage(pinging: data, format: format)
        return (Int(MagickGetImageWidth(header.wand)), Int(MagickGetImageHeight(header.wand)))
    }
}
