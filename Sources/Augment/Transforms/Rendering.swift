import DmanCore
import Foundation

/// Applies transform steps to pixels. Deterministic: the same steps on the
/// same pixels give the same bytes, whatever thread or order.
///
///     let png = try Rendering.png(of: [.flip(Flip()), .rotate(Rotate(angle: -5))], on: image)
public enum Rendering {
    /// The transformed pixels, exactly as ``png(of:on:)`` writes them.
    ///
    /// Decoded from the PNG on purpose: exporting the wand's 16-bit pixels
    /// directly rounds differently from ImageMagick's PNG writer (±1 on about
    /// half the values), and the pixels a caller sees must be the file's.
    public static func image(of steps: [TransformStep], on image: PixelImage) throws(MagickError) -> PixelImage {
        try ImageCodec.decode(png(of: steps, on: image)).image
    }

    /// The transformed picture as deterministic PNG bytes (what `dman augment` writes).
    public static func png(of steps: [TransformStep], on image: PixelImage) throws(MagickError) -> Data {
        let magick = try MagickImage(image)
        try apply(steps, to: magick)
        return try magick.pngData()
    }

    /// Runs `steps` in order on a wand; consecutive geometric steps become one distortion.
    static func apply(_ steps: [TransformStep], to magick: MagickImage) throws(MagickError) {
        var geometry: GeometryFusion?
        for step in steps {
            if step.isGeometric {
                if geometry == nil { geometry = GeometryFusion() }
                geometry!.append(step)
                continue
            }
            if let g = geometry { try distort(g, magick); geometry = nil }
            switch step {
            case .flip: try magick.flop()
            case .unsharp(let u): try magick.unsharp(radius: u.radius, sigma: u.sigma, gain: u.gain, threshold: u.threshold)
            case .brightness(let b): try magick.modulate(brightness: 100 + b.percent, saturation: 100)
            case .saturation(let s): try magick.modulate(brightness: 100, saturation: 100 + s.percent)
            case .resize(let r):
                if r.width != magick.width || r.height != magick.height {
                    try magick.resize(width: r.width, height: r.height, filter: .lanczos)
                }
            case .rotate, .scale, .shift: break
            }
        }
        if let g = geometry { try distort(g, magick) }
    }

    private static func distort(_ g: GeometryFusion, _ magick: MagickImage) throws(MagickError) {
        if g.isIdentity { return }
        var scale = g.scale
        if g.fill == .crop { scale *= g.cropZoom(width: magick.width, height: magick.height) }
        try magick.distortSRT(angle: g.angle, scale: scale, translateX: g.tx, translateY: g.ty,
                              virtualPixels: g.fill == .mirror ? .mirror : .edge)
    }
}
