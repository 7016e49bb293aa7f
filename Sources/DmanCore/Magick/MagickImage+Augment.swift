import Foundation
internal import CMagickWand

// MagickWand operations that only `dman augment` needs, kept in their own
// file so the stage can grow without touching the shared operations file.
extension MagickImage {
    /// Brightness / saturation / hue change in percent, 100 = unchanged
    /// (`-modulate B,S,H`; ImageMagick 6 works in HSL).
    package func modulate(brightness: Double, saturation: Double, hue: Double = 100) throws(MagickError) {
        if MagickModulateImage(wand, brightness, saturation, hue) != MagickTrue {
            throw MagickError.from(wand: wand, kind: .operation, operation: "modulate")
        }
    }
}

extension MagickImage {
    /// Encodes as 8-bit RGB (`PNG24`) or RGBA (`PNG32`) with no time stamps.
    ///
    /// Same pixels as ``pngData()``, but the colour type is fixed up front, so
    /// ImageMagick skips its palette/greyscale analysis of every pixel (about
    /// half the encoding time for 64–128 px pictures), and zlib runs at
    /// `level` (ImageMagick's default is 7).
    ///
    /// `exactEightBit`: the pixels were constituted from 8-bit data and not
    /// changed since, so the depth reduction (a pass over every pixel) is skipped.
    package func pngData(compressionLevel level: Int, exactEightBit: Bool = false) throws(MagickError) -> Data {
        MagickStripImage(wand)
        let alpha = MagickGetImageAlphaChannel(wand) == MagickTrue
        MagickSetImageFormat(wand, alpha ? "PNG32" : "PNG24")
        if !exactEightBit { MagickSetImageDepth(wand, 8) }
        MagickSetOption(wand, "png:exclude-chunks", "date,time")
        MagickSetOption(wand, "png:compression-level", String(max(0, min(9, level))))
        var length = 0
        guard let blob = MagickGetImageBlob(wand, &length) else {
            throw MagickError.from(wand: wand, kind: .encode, operation: "encode PNG")
        }
        defer { MagickRelinquishMemory(blob) }
        return Data(bytes: blob, count: length)
    }
}
