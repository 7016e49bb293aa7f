import DmanCore
import Foundation

/// A whole-pixel square region of a picture; may extend past its edges.
public struct SquareRegion: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int
    public var side: Int

    public init(x: Int, y: Int, side: Int) {
        self.x = x
        self.y = y
        self.side = side
    }

    public var pixelBox: PixelBox { PixelBox(x: Double(x), y: Double(y), width: Double(side), height: Double(side)) }

    /// Fraction of the region's area outside a `width`×`height` picture.
    public func padFraction(width: Int, height: Int) -> Double {
        let ix = max(0, min(x + side, width) - max(x, 0)), iy = max(0, min(y + side, height) - max(y, 0))
        let total = Double(side) * Double(side)
        return (total - Double(ix) * Double(iy)) / total
    }
}

/// Plans the square cut around a box, growing into real surrounding pixels.
///
/// The side is `max(w, h) × (1 + margin)`, rounded to whole pixels. When
/// that side is larger than the picture's width or height, the margin is
/// given up first (unless `shrinkMargin` is off): the side shrinks to the
/// picture's shorter side, but never below the box's longer side, so padding
/// is only ever what the box itself needs. The square is centred on the box,
/// then (unless `shift` is off) moved the least needed to stay inside the
/// picture; when the side is still larger than the picture's width or
/// height, it covers that whole dimension and only the remainder lies
/// outside (to be filled by ``ContextPadding``).
///
///     let plan = SquareCropPlanner(margin: 0.1).plan(box: box, width: 640, height: 480)
public struct SquareCropPlanner: Sendable, Equatable {
    public var margin: Double
    public var shift: Bool
    /// Give up margin (down to none) before padding anything.
    public var shrinkMargin: Bool

    public init(margin: Double = 0.1, shift: Bool = true, shrinkMargin: Bool = true) {
        precondition(margin.isFinite && margin >= 0, "margin must be finite and not negative")
        self.margin = margin
        self.shift = shift
        self.shrinkMargin = shrinkMargin
    }

    /// The square region for `box` in a `width`×`height` picture.
    public func plan(box: PixelBox, width: Int, height: Int) -> SquareRegion {
        var side = max(1, Int((max(box.width, box.height) * (1 + margin)).rounded()))
        let fit = min(width, height)
        if shrinkMargin && side > fit {
            side = max(fit, max(1, Int(max(box.width, box.height).rounded())))
        }
        let half = Double(side) / 2
        var x = Self.roundHalfUp(box.x + box.width / 2 - half)
        var y = Self.roundHalfUp(box.y + box.height / 2 - half)
        if shift {
            x = Self.place(x, side: side, extent: width)
            y = Self.place(y, side: side, extent: height)
        }
        return SquareRegion(x: x, y: y, side: side)
    }

    /// Moves `origin` the least needed so that `[origin, origin+side)` lies
    /// inside `[0, extent)`, or, when `side > extent`, covers it entirely.
    static func place(_ origin: Int, side: Int, extent: Int) -> Int {
        let lo = min(0, extent - side), hi = max(0, extent - side)
        return min(max(origin, lo), hi)
    }

    static func roundHalfUp(_ v: Double) -> Int { Int((v + 0.5).rounded(.down)) }
}
