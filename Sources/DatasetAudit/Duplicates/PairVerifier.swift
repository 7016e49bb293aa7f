/// Decides a candidate near-duplicate pair by content: the best
/// foreground-weighted normalised cross-correlation of two
/// ``DetailThumbnail``s over shifts of up to ``maxShift`` pixels each way.
///
/// Weights are `max(foreground of a, foreground of b) + floor` on the
/// overlap, so the sprites dominate and a shared flat background adds
/// nothing; correlation (means removed, divided by both deviations) ignores
/// brightness and contrast changes. The score is in −1...1; 1 is identical
/// up to brightness and contrast.
public enum PairVerifier {
    /// Largest shift tried, in thumbnail pixels (2 px at 64 ≈ 4 px at 128).
    public static let maxShift = 2
    /// Weight every overlapping pixel has, foreground or not.
    public static let floor: Float = 0.02

    /// The verification score of a pair.
    public static func score(_ a: DetailThumbnail, _ b: DetailThumbnail, maxShift: Int = PairVerifier.maxShift) -> Double {
        var best = -1.0
        for dy in -maxShift...maxShift {
            for dx in -maxShift...maxShift { best = max(best, correlation(a, b, dx: dx, dy: dy)) }
        }
        return best
    }

    /// Weighted correlation with `b` displaced by (dx, dy) against `a`.
    static func correlation(_ a: DetailThumbnail, _ b: DetailThumbnail, dx: Int, dy: Int) -> Double {
        let s = DetailThumbnail.side
        let h = s - abs(dy), w = s - abs(dx)
        let ya = max(0, dy), yb = max(0, -dy), xa = max(0, dx), xb = max(0, -dx)
        // One pass of weighted sums; the centred moments follow from them (values ≤ 255, 4096 terms: exact enough in Double).
        var sw = 0.0, sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0
        a.luma.withUnsafeBufferPointer { la in
            b.luma.withUnsafeBufferPointer { lb in
                a.foreground.withUnsafeBufferPointer { fa in
                    b.foreground.withUnsafeBufferPointer { fb in
                        for y in 0..<h {
                            let ra = (ya + y) * s + xa, rb = (yb + y) * s + xb
                            for x in 0..<w {
                                let wt = Double(max(fa[ra + x], fb[rb + x]) + floor)
                                let va = Double(la[ra + x]), vb = Double(lb[rb + x])
                                sw += wt; sa += wt * va; sb += wt * vb
                                saa += wt * va * va; sbb += wt * vb * vb; sab += wt * va * vb
                            }
                        }
                    }
                }
            }
        }
        let num = sab - sa * sb / sw, va = saa - sa * sa / sw, vb = sbb - sb * sb / sw
        return num / ((max(0, va) * max(0, vb)).squareRoot() + 1e-9)
    }
}
