/// Consecutive rotate / scale / shift steps folded into one scale-rotate-
/// translate map, so the picture is resampled once (sharper than chaining).
///
/// The map is `p' = scale·R(angle)·(p − c) + c + t` with `c` the canvas centre,
/// which is exactly ImageMagick's `-distort SRT "cx,cy scale angle cx+tx,cy+ty"`.
struct GeometryFusion: Equatable {
    var angle: Double = 0
    var scale: Double = 1
    var tx: Double = 0
    var ty: Double = 0
    var fill: GeometryFill? = nil

    var isIdentity: Bool { angle == 0 && scale == 1 && tx == 0 && ty == 0 }

    /// Appends one geometric step (after the ones already folded in).
    mutating func append(_ step: TransformStep) {
        switch step {
        case .rotate(let r):
            let a = r.angle * .pi / 180
            let (c, s) = (cos(a), sin(a))
            (tx, ty) = (c * tx - s * ty, s * tx + c * ty)
            angle += r.angle
            merge(r.fill)
        case .scale(let z):
            scale *= z.factor
            tx *= z.factor
            ty *= z.factor
            merge(z.fill)
        case .shift(let t):
            tx += t.x
            ty += t.y
            merge(t.fill)
        default:
            preconditionFailure("not a geometric step")
        }
    }

    /// Crop wins over mirror, mirror over edge: the strictest request is honoured.
    private mutating func merge(_ f: GeometryFill) {
        switch (fill, f) {
        case (nil, _), (.edge?, _): fill = f
        case (.mirror?, .crop): fill = .crop
        default: break
        }
    }

    /// Extra zoom (≥ 1) so that the whole `width`×`height` canvas maps back
    /// inside the picture inset by ``cropMargin`` pixels: for a pure rotation
    /// of a square of side n, (cos θ + sin θ)·n / (n − 2·margin).
    func cropZoom(width: Int, height: Int) -> Double {
        let hw = Double(width) / 2, hh = Double(height) / 2
        let a = -angle * .pi / 180
        let (c, s) = (cos(a), sin(a))
        let mx = min(Self.cropMargin, hw / 4), my = min(Self.cropMargin, hh / 4)
        var k = 1.0
        for (dx, dy) in [(-hw, -hh), (hw, -hh), (-hw, hh), (hw, hh)] {
            let vx = dx - tx, vy = dy - ty
            let qx = (c * vx - s * vy) / scale, qy = (s * vx + c * vy) / scale
            k = max(k, abs(qx) / (hw - mx), abs(qy) / (hh - my))
        }
        return k
    }

    /// Inset of the inscribed square, in source pixels: the resampling filter
    /// centred on a corner pixel then still reads picture pixels, not invented ones.
    static let cropMargin = 1.0
}

import Foundation
