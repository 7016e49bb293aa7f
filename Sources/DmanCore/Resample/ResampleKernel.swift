import Foundation

/// A resampling filter: the weight a source pixel gets at a distance from an
/// output pixel's centre, in output-pixel units when shrinking.
///
/// The kernels are the ones dman's reference tools use, so each stage can be
/// compared byte for byte with its reference:
///
/// - ``lanczos3``: sinc(x)·sinc(x/3) on |x| < 3 (ImageMagick's `-filter Lanczos`,
///   Pillow's `LANCZOS`);
/// - ``box``: Pillow's `BOX`, 1 on (−½, ½] (area averaging at whole-pixel steps);
/// - ``triangle``: 1 − |x| on |x| < 1 (bilinear; ImageMagick's `Triangle`, Pillow's `BILINEAR`);
/// - ``bicubic``: Keys' cubic with a = −½ on |x| < 2 (Pillow's `BICUBIC`);
/// - ``area``: OpenCV's `INTER_AREA`: the exact share of each source pixel
///   covered by the output pixel when shrinking, bilinear when enlarging.
///
///     let table = ResampleTable(kernel: .lanczos3, arithmetic: .imageMagick, inSize: 128, outSize: 64)
package enum ResampleKernel: Sendable, Hashable, CaseIterable {
    case lanczos3, box, triangle, bicubic, area

    /// Half-width of the kernel at scale 1 (``area``: the triangle it enlarges with).
    package var support: Double {
        switch self {
        case .lanczos3: return 3
        case .box: return 0.5
        case .triangle, .area: return 1
        case .bicubic: return 2
        }
    }

    /// The kernel's weight at `x`, evaluated with `arithmetic`'s operations.
    ///
    /// ``area`` has no weight function of one distance (its weights depend on
    /// the scale); ``ResampleTable`` builds it from pixel overlaps.
    package func weight(_ x: Double, arithmetic: ResampleArithmetic) -> Double {
        switch self {
        case .lanczos3:
            switch arithmetic {
            case .imageMagickWindow:
                let a = abs(x)
                if a >= 3 { return 0 }
                if a < 1e-12 { return 1 }
                let px = Double.pi * a
                return (sin(px) / px) * (sin(px / 3) / (px / 3))
            case .imageMagick:
                return abs(x) < 3 ? Self.sinc(x) * Self.sinc(x / 3) : 0
            case .pillow:
                return x >= -3 && x < 3 ? Self.sinc(x) * Self.sinc(x / 3) : 0
            }
        case .box:
            return x > -0.5 && x <= 0.5 ? 1 : 0
        case .triangle, .area:
            let t = abs(x)
            return t < 1 ? 1 - t : 0
        case .bicubic:
            let a = -0.5, t = abs(x)
            if t < 1 { return ((a + 2) * t - (a + 3)) * t * t + 1 }
            if t < 2 { return (((t - 5) * t + 8) * t - 4) * a }
            return 0
        }
    }

    /// sin(πx)/(πx), 1 at 0.
    @inline(__always)
    static func sinc(_ x: Double) -> Double {
        if x == 0 { return 1 }
        let px = x * Double.pi
        return sin(px) / px
    }
}

/// The exact floating-point operations a reference tool uses to place and
/// weigh the taps of a kernel.
///
/// The three agree mathematically; they differ in the last bits (an epsilon,
/// a multiply by a reciprocal instead of a divide), and those bits decide
/// ties and the rounding of a weight to `Float` or to fixed point, so each
/// caller keeps the one its golden files were made with.
package enum ResampleArithmetic: Sendable, Hashable {
    /// ImageMagick 6's `resize.c`: `bisect = (x + ½)/factor + MagickEpsilon`
    /// with `factor = out/in` (augment's `-filter Lanczos -resize WxH!`).
    case imageMagick
    /// ImageMagick's contributions for a window of the source that may start
    /// and end between pixels: `centre = origin + (x + ½)·side/n`, no epsilon,
    /// taps clamped into the picture (crop's `-crop … -resize`).
    case imageMagickWindow
    /// Pillow's `Resample.c`: `centre = (x + ½)·in/out`, distances multiplied
    /// by `1/filterscale` (the perceptual hashes, as `imagehash`).
    case pillow
}
