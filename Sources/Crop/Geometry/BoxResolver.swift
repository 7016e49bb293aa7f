import DmanCore
import Foundation

/// Turns a manifest box into pixels of the upright picture and checks it.
///
/// Fractional boxes are scaled by the picture's size; rotated boxes become
/// their axis-aligned envelope. Coordinates within 0.01 px of a whole pixel
/// are snapped to it (normalised formats store about 6 decimals), and a box
/// overshooting the picture by less than one pixel is clipped silently. A box
/// that is not finite, empty, negative, or further outside is refused, unless
/// `clip` is set (then it is clipped, and refused only if nothing remains).
public enum BoxResolver {
    /// Why a box was refused.
    public struct Rejection: Error, Sendable, Equatable {
        /// The box as resolved to pixels (``describe(_:)``).
        public var box: String
        public var reason: Reason

        /// What is wrong with the box.
        public enum Reason: Sendable, Equatable, NamesFields {
            case notANumber
            case emptyOrNegative
            /// Further than a pixel outside the picture, and ``CropOptions/clip`` is off.
            case outside(width: Int, height: Int)
            /// Nothing of it is inside the picture, even clipped.
            case entirelyOutside(width: Int, height: Int)

            public func line(naming name: (String) -> String) -> String {
                switch self {
                case .notANumber: return "not a number"
                case .emptyOrNegative: return "empty or negative size"
                case .outside(let w, let h): return "outside the \(w)×\(h) picture (use \(name("clip")) to clip it)"
                case .entirelyOutside(let w, let h): return "entirely outside the \(w)×\(h) picture"
                }
            }
        }
    }

    public static func resolve(_ geometry: BoxGeometry, width: Int, height: Int, clip: Bool) throws(Rejection) -> PixelBox {
        var b = pixelBox(geometry, width: Double(width), height: Double(height))
        let shown = describe(b)
        guard [b.x, b.y, b.width, b.height].allSatisfy(\.isFinite) else { throw Rejection(box: shown, reason: .notANumber) }
        guard b.width > 0, b.height > 0 else { throw Rejection(box: shown, reason: .emptyOrNegative) }
        b = PixelBox(x: snap(b.x), y: snap(b.y), width: snap(b.maxX) - snap(b.x), height: snap(b.maxY) - snap(b.y))
        let W = Double(width), H = Double(height)
        let overshoot = max(-b.x, -b.y, b.maxX - W, b.maxY - H)
        if overshoot > 0 {
            guard overshoot < 1 || clip else {
                throw Rejection(box: shown, reason: .outside(width: width, height: height))
            }
            let x0 = max(0, b.x), y0 = max(0, b.y), x1 = min(W, b.maxX), y1 = min(H, b.maxY)
            guard x1 > x0, y1 > y0 else { throw Rejection(box: shown, reason: .entirelyOutside(width: width, height: height)) }
            b = PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        }
        return b
    }

    /// The pixel box a geometry stands for, before any check.
    static func pixelBox(_ geometry: BoxGeometry, width W: Double, height H: Double) -> PixelBox {
        switch geometry {
        case .pixels(let x, let y, let w, let h):
            return PixelBox(x: x, y: y, width: w, height: h)
        case .fraction(let x, let y, let w, let h, let rotation):
            let px = x * W, py = y * H, pw = w * W, ph = h * H
            guard rotation.isFinite, rotation.truncatingRemainder(dividingBy: 360) != 0 else {
                return PixelBox(x: px, y: py, width: pw, height: ph)
            }
            // Clockwise rotation (y points down) about the top-left corner.
            let t = rotation * .pi / 180, c = cos(t), s = sin(t)
            let xs = [0, pw * c, pw * c - ph * s, -ph * s], ys = [0, pw * s, pw * s + ph * c, ph * c]
            let x0 = px + xs.min()!, x1 = px + xs.max()!, y0 = py + ys.min()!, y1 = py + ys.max()!
            return PixelBox(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        }
    }

    static func snap(_ v: Double) -> Double {
        let r = v.rounded()
        return abs(v - r) < 0.01 ? r : v
    }

    /// `x=10 y=20 w=30 h=40` with at most two decimals.
    public static func describe(_ b: PixelBox) -> String {
        func f(_ v: Double) -> String {
            if !v.isFinite { return String(v) }
            // Beyond ±1e15 `Int(v)` could trap and two decimals mean nothing.
            guard abs(v) < 1e15 else { return String(format: "%g", v) }
            return v == v.rounded() ? String(Int(v)) : String(format: "%.2f", v)
        }
        return "x=\(f(b.x)) y=\(f(b.y)) w=\(f(b.width)) h=\(f(b.height))"
    }
}
