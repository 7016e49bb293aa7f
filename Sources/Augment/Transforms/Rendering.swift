import DmanCore
import Foundation

/// Applies transform steps to pixels. Deterministic: the same steps on the
/// same pixels with the same engine give the same bytes, on any thread.
///
///     let png = try Rendering.png(of: [.flip(Flip()), .rotate(Rotate(angle: -5))], on: image)
public enum Rendering {
    /// Who computes the pixels.
    public enum Engine: String, Sendable, Codable, CaseIterable {
        /// dman's native kernels for RGB pictures made only of flip, rotate,
        /// scale, shift, unsharp and resize (matched to ImageMagick within
        /// PSNR ≥ 40 dB); ImageMagick for everything else.
        case automatic = "auto"
        /// ImageMagick (MagickWand) for every step: the CLI's exact pixels.
        case magick
    }

    /// zlib level of written PNGs. Native-engine outputs use zlib's run-length strategy
    /// (OpenCV's default): on the issue-3 benchmark 3 % smaller than level 1 and ~6 % less CPU.
    public static let pngCompressionLevel = 1

    /// The transformed pixels, exactly as ``png(of:on:engine:)`` writes them.
    public static func image(of steps: [TransformStep], on image: PixelImage,
                             engine: Engine = .automatic) throws(MagickError) -> PixelImage {
        if usesNative(steps, image, engine) { return native(steps, image) }
        // Decoded from the PNG on purpose: exporting the wand's 16-bit pixels
        // directly rounds differently from ImageMagick's PNG writer (±1 on
        // about half the values), and the pixels a caller sees must be the file's.
        return try ImageCodec.decode(png(of: steps, on: image, engine: engine)).image
    }

    /// The transformed picture as deterministic PNG bytes (what `dman augment` writes).
    ///
    /// `cache` (one per source picture) lets outputs that start with the same
    /// steps share the work: variants differing only after a rotation (unsharp
    /// on and off) rotate once. The bytes are the same with or without it.
    public static func png(of steps: [TransformStep], on image: PixelImage,
                           engine: Engine = .automatic, cache: RenderCache? = nil) throws(MagickError) -> Data {
        if usesNative(steps, image, engine) {
            let pixels = native(steps, image, cache: cache)
            if let png = PNGEncoder.encode(pixels, level: pngCompressionLevel, runLength: true) { return png }
            return try MagickImage(pixels).pngData(compressionLevel: pngCompressionLevel, exactEightBit: true)
        }
        let magick = try MagickImage(image)
        try apply(steps, to: magick)
        return try magick.pngData(compressionLevel: pngCompressionLevel)
    }

    /// Whether `engine` renders `steps` on `image` natively.
    public static func usesNative(_ steps: [TransformStep], _ image: PixelImage, _ engine: Engine) -> Bool {
        guard engine == .automatic, image.channels == 3 else { return false }
        return steps.allSatisfy {
            switch $0 {
            case .brightness, .saturation: return false
            default: return true
            }
        }
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

    /// The same chain with dman's kernels; rounds to 8 bits once, at the end.
    static func native(_ steps: [TransformStep], _ image: PixelImage, cache: RenderCache? = nil) -> PixelImage {
        var img: FloatImage
        var outside = Outside.edge  // ImageMagick keeps the last distortion's virtual pixels for later steps
        var start = 0
        if let hit = cache?.longestPrefix(of: steps) {
            (img, outside, start) = (hit.image, hit.outside, hit.length)
        } else {
            img = FloatImage(image)
        }
        var geometry: GeometryFusion?
        /// Replaces the working picture, handing the old buffer back.
        func replace(_ next: FloatImage) {
            let old = img
            img = next
            old.recycle()
        }
        func flush() {
            guard let g = geometry else { return }
            geometry = nil
            if g.isIdentity { return }
            var scale = g.scale
            if g.fill == .crop { scale *= g.cropZoom(width: img.width, height: img.height) }
            outside = g.fill == .mirror ? .mirror : .edge
            replace(NativeKernels.distortSRT(img, angle: g.angle, scale: scale, tx: g.tx, ty: g.ty, outside: outside))
        }
        for (index, step) in steps.enumerated() where index >= start {
            if step.isGeometric {
                if geometry == nil { geometry = GeometryFusion() }
                geometry!.append(step)
                continue
            }
            flush()
            if index > 0, steps[index - 1].isGeometric { cache?.store(img, outside: outside, after: steps[..<index]) }
            switch step {
            case .flip: replace(NativeKernels.flop(img))
            case .unsharp(let u):
                replace(NativeKernels.unsharp(img, radius: u.radius, sigma: u.sigma, gain: u.gain, threshold: u.threshold,
                                              outside: outside))
            case .resize(let r):
                if r.width != img.width || r.height != img.height {
                    replace(NativeKernels.resize(img, width: r.width, height: r.height))
                }
            default: preconditionFailure("not a native step: \(step.name)")
            }
        }
        flush()
        let result = img.pixelImage()
        img.recycle()
        return result
    }
}
