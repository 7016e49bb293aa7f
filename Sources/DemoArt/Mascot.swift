import DmanCore
import Foundation

/// The random traits of one procedural mascot: body shape, colours, eyes,
/// limbs and pose. Drawn into a unit box, then placed on a picture.
struct Mascot {
    var bodyColor: (Float, Float, Float)
    var bellyColor: (Float, Float, Float)
    var limbColor: (Float, Float, Float)
    var bodyAspect: Double      // body width / height
    var headSize: Double        // head radius relative to body height
    var eyeSpacing: Double
    var eyeSize: Double
    var pupilShift: (Double, Double)
    var armAngles: (Double, Double)
    var legSpread: Double
    var hasEars: Bool
    var hasBelly: Bool

    /// Draws random traits from `rng`.
    init(using rng: inout SplitMix64) {
        func r(_ a: Double, _ b: Double) -> Double { a + (b - a) * rng.nextUnitDouble() }
        func color() -> (Float, Float, Float) {
            let h = r(0, 6), s = r(0.45, 0.9), v = r(0.55, 0.95)
            return Mascot.hsv(h, s, v)
        }
        bodyColor = color()
        bellyColor = Mascot.mix(bodyColor, (255, 250, 235), 0.6)
        limbColor = Mascot.mix(bodyColor, (30, 30, 40), 0.25)
        bodyAspect = r(0.65, 1.05)
        headSize = r(0.28, 0.4)
        eyeSpacing = r(0.25, 0.45)
        eyeSize = r(0.18, 0.3)
        pupilShift = (r(-0.35, 0.35), r(-0.3, 0.3))
        armAngles = (r(-2.4, -0.6), r(0.6, 2.4))
        legSpread = r(0.15, 0.35)
        hasEars = rng.next() % 2 == 0
        hasBelly = rng.next() % 3 != 0
    }

    /// Paints the mascot so that it fills the box (x, y, w, h) of `canvas`.
    func draw(on canvas: inout Canvas, x: Double, y: Double, w: Double, h: Double, mirrored: Bool) {
        // Layout in box units: head on top, body below, legs at the bottom.
        let s = mirrored ? -1.0 : 1.0
        let cx = x + w / 2
        let bodyH = h * 0.52, bodyW = min(w * 0.62, bodyH * bodyAspect)
        let bodyCY = y + h * 0.58
        let headR = min(w * 0.3, h * headSize * 0.62)
        let headCY = y + headR + h * 0.02 + (hasEars ? h * 0.05 : 0)
        let limb = max(1.5, w * 0.055)
        // Legs.
        canvas.capsule(cx - bodyW * legSpread, bodyCY + bodyH * 0.3, cx - bodyW * (legSpread + 0.05), y + h - limb,
                       radius: limb, limbColor)
        canvas.capsule(cx + bodyW * legSpread, bodyCY + bodyH * 0.3, cx + bodyW * (legSpread + 0.05), y + h - limb,
                       radius: limb, limbColor)
        // Arms.
        for (side, angle) in [(-1.0, armAngles.0), (1.0, armAngles.1)] {
            let ax = cx + side * bodyW * 0.42, ay = bodyCY - bodyH * 0.1
            let len = min(w * 0.5 - bodyW * 0.42 - limb, h * 0.3)
            canvas.capsule(ax, ay, ax + s * sin(angle) * len, ay - cos(angle) * len * 0.8, radius: limb * 0.85, limbColor)
        }
        canvas.ellipse(cx, bodyCY, bodyW / 2, bodyH / 2, bodyColor)
        if hasBelly { canvas.ellipse(cx, bodyCY + bodyH * 0.08, bodyW * 0.3, bodyH * 0.3, bellyColor) }
        if hasEars {
            canvas.ellipse(cx - headR * 0.7, headCY - headR * 0.85, headR * 0.32, headR * 0.45, limbColor)
            canvas.ellipse(cx + headR * 0.7, headCY - headR * 0.85, headR * 0.32, headR * 0.45, limbColor)
        }
        canvas.ellipse(cx, headCY, headR, headR * 0.92, bodyColor)
        // Eyes.
        for side in [-1.0, 1.0] {
            let ex = cx + side * headR * eyeSpacing, ey = headCY - headR * 0.05
            let er = headR * eyeSize
            canvas.ellipse(ex, ey, er, er * 1.15, (250, 250, 250))
            canvas.ellipse(ex + s * pupilShift.0 * er, ey + pupilShift.1 * er, er * 0.5, er * 0.55, (20, 20, 28))
        }
        // Mouth.
        canvas.capsule(cx - headR * 0.25, headCY + headR * 0.45, cx + headR * 0.25, headCY + headR * 0.45,
                       radius: max(0.8, headR * 0.05), (60, 25, 30))
    }

    static func hsv(_ h: Double, _ s: Double, _ v: Double) -> (Float, Float, Float) {
        let c = v * s, x = c * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1)), m = v - c
        let (r, g, b): (Double, Double, Double)
        switch Int(h) % 6 {
        case 0: (r, g, b) = (c, x, 0)
        case 1: (r, g, b) = (x, c, 0)
        case 2: (r, g, b) = (0, c, x)
        case 3: (r, g, b) = (0, x, c)
        case 4: (r, g, b) = (x, 0, c)
        default: (r, g, b) = (c, 0, x)
        }
        return (Float((r + m) * 255), Float((g + m) * 255), Float((b + m) * 255))
    }

    static func mix(_ a: (Float, Float, Float), _ b: (Float, Float, Float), _ t: Float) -> (Float, Float, Float) {
        (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t, a.2 + (b.2 - a.2) * t)
    }
}
