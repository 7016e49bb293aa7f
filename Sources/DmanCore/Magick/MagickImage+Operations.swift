internal import CMagickWand

/// Resampling filters exposed to the stages (ImageMagick's names).
package enum ResampleFilter: String, Sendable, Codable {
    case lanczos = "Lanczos"
    case mitchell = "Mitchell"
    case triangle = "Triangle"
    case point = "Point"

    var magick: FilterTypes {
        switch self {
        case .lanczos: return LanczosFilter
        case .mitchell: return MitchellFilter
        case .triangle: return TriangleFilter
        case .point: return PointFilter
        }
    }
}

/// How pixels outside the picture are invented by distortions.
package enum VirtualPixels: String, Sendable, Codable {
    case edge, mirror

    var magick: VirtualPixelMethod {
        switch self {
        case .edge: return EdgeVirtualPixelMethod
        case .mirror: return MirrorVirtualPixelMethod
        }
    }
}

extension MagickImage {
    /// Resizes to exactly `width`×`height` (ImageMagick `-filter F -resize WxH!`).
    package func resize(width: Int, height: Int, filter: ResampleFilter = .lanczos) throws(MagickError) {
        if MagickResizeImage(wand, width, height, filter.magick, 1.0) != MagickTrue {
            throw MagickError.from(wand: wand, kind: .operation, operation: "resize")
        }
    }

    /// Scale-rotate-translate distortion keeping the canvas
    /// (`-virtual-pixel V -distort SRT "scale angle"`), rotating about the centre.
    package func distortSRT(angle: Double, scale: Double = 1, translateX: Double = 0, translateY: Double = 0,
                            virtualPixels: VirtualPixels) throws(MagickError) {
        MagickSetImageVirtualPixelMethod(wand, virtualPixels.magick)
        let cx = Double(width) / 2, cy = Double(height) / 2
        // SRT with 7 arguments: X,Y scale angle NewX,NewY (ImageMagick's documented form).
        let args: [Double] = [cx, cy, scale, scale, angle, cx + translateX, cy + translateY]
        let ok = args.withUnsafeBufferPointer { MagickDistortImage(wand, ScaleRotateTranslateDistortion, 7, $0.baseAddress, MagickFalse) }
        if ok != MagickTrue {
            throw MagickError.from(wand: wand, kind: .operation, operation: "distort SRT")
        }
    }

    /// Unsharp mask with `-unsharp RADIUSxSIGMA+GAIN+THRESHOLD` semantics.
    package func unsharp(radius: Double, sigma: Double, gain: Double, threshold: Double) throws(MagickError) {
        if MagickUnsharpMaskImage(wand, radius, sigma, gain, threshold) != MagickTrue {
            throw MagickError.from(wand: wand, kind: .operation, operation: "unsharp")
        }
    }

    /// Mirrors left-right (`-flop`).
    package func flop() throws(MagickError) {
        if MagickFlopImage(wand) != MagickTrue {
            throw MagickError.from(wand: wand, kind: .operation, operation: "flop")
        }
    }

    /// Crops to a rectangle inside the image and resets the page geometry.
    package func crop(x: Int, y: Int, width: Int, height: Int) throws(MagickError) {
        if MagickCropImage(wand, width, height, x, y) != MagickTrue {
            throw MagickError.from(wand: wand, kind: .operation, operation: "crop")
        }
        MagickResetImagePage(wand, "0x0+0+0")
    }
}
