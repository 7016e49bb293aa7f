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
