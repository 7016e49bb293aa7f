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
        var sw = 0.0, sa = 0.0, sb = 0.0
        a.luma.withUnsafeBufferPointer { la in
            b.luma.withUnsafeBufferPointer { lb in
                a.foreground.withUnsafeBufferPointer { fa in
                    b.foreground.withUnsafeBufferPointer { fb in
                        for y in 0..<h {
                            let ra = (ya + y) * s + xa, rb = (yb + y) * s + xb
                            for x in 0..<w {
                                let wt = Double(max(fa[ra + x], fb[rb + x]) + floor)
                                sw += wt; sa += wt * Double(la[ra + x]); sb += wt * Double(lb[rb + x])
                            }
                        }
                    }
                }
            }
        }
        let ma = sa / sw, mb = sb / sw
        var num = 0.0, va = 0.0, vb = 0.0
        a.luma.withUnsafeBufferPointer { la in
            b.luma.withUnsafeBufferPointer { lb in
                a.foreground.withUnsafeBufferPointer { fa in
                    b.foreground.withUnsafeBufferPointer { fb in
                        for y in 0..<h {
                            let ra = (ya + y) * s + xa, rb = (yb + y) * s + xb
                            for x in 0..<w {
                                let wt = Double(max(fa[ra + x], fb[rb + x]) + floor)
                                let da = Double(la[ra + x]) - ma, db = Double(lb[rb + x]) - mb
                                num += wt * da * db; va += wt * da * da; vb += wt * db * db
                            }
                        }
                    }
                }
            }
        }
        return num / ((va * vb).squareRoot() + 1e-9)
    }
}
