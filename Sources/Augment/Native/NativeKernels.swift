import Foundation

/// Pure-Swift versions of the hot ImageMagick operations, written to match
/// ImageMagick 6's definitions (tests require PSNR ≥ 40 dB against the
/// MagickWand path; measured values are in bench/augment/README.md).
enum NativeKernels {
    // MARK: - Flip

    static func flop(_ img: FloatImage) -> FloatImage {
        var out = FloatImage(width: img.width, height: img.height)
        for y in 0..<img.height {
            let row = y * img.width
            for x in 0..<img.width { out.pixels[row + img.width - 1 - x] = img.pixels[row + x] }
        }
        return out
    }

    // MARK: - Scale-rotate-translate (EWA, Robidoux)

    /// Keys cubic with Robidoux's B, C: ImageMagick's default filter for distortions.
    @inline(__always)
    static func robidoux(_ r: Double) -> Double {
        let b = 0.37821575509399866, c = 0.31089212245300067
        let x = abs(r)
        if x < 1 { return ((12 - 9 * b - 6 * c) * x * x * x + (-18 + 12 * b + 6 * c) * x * x + (6 - 2 * b)) / 6 }
        if x < 2 { return ((-b - 6 * c) * x * x * x + (6 * b + 30 * c) * x * x + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6 }
        return 0
    }

    private static let lutSize = 1024
    private static let unitFootprintLUT = weightLUT(stretch: 1)

    /// Robidoux weights by squared distance for a footprint widened by `stretch`.
    private static func weightLUT(stretch: Double) -> [Float] {
        let support = 2 * stretch, support2 = support * support
        let lutScale = Float(Double(lutSize - 1) / support2)
        let qMax = 2 * (support + 1) * (support + 1)
        return (0..<(Int(qMax * Double(lutScale)) + 2)).map { k -> Float in
            let q = Double(k) / Double(lutScale)
            return q < support2 ? Float(robidoux(sqrt(q) / stretch)) : 0
        }
    }

    /// `-distort SRT "cx,cy scale angle cx+tx,cy+ty"` with elliptical weighted
    /// averaging: each output pixel centre maps back into the source, and the
    /// source pixels within the filter's support (radius 2, widened by 1/scale
    /// when shrinking) are averaged with Robidoux weights.
    static func distortSRT(_ img: FloatImage, angle: Double, scale: Double, tx: Double, ty: Double,
                           outside: Outside) -> FloatImage {
        let w = img.width, h = img.height
        var out = FloatImage(width: w, height: h)
        let a = angle * .pi / 180
        let (ca, sa) = (cos(a), sin(a))
        let cx = Double(w) / 2, cy = Double(h) / 2
        // Inverse map: p = R(−a)(d − c − t)/scale + c.
        let i00 = ca / scale, i01 = sa / scale, i10 = -sa / scale, i11 = ca / scale
        let stretch = scale < 1 ? 1 / scale : 1  // footprint grows when minifying
        let support = 2 * stretch, support2 = support * support
        // Weights by squared distance, tabulated as ImageMagick does.
        // The table runs past the support (to the farthest tap a footprint square
        // can hold) with zero weights, so the inner loop needs no branch.
        let lutScale = Float(Double(lutSize - 1) / support2)
        let lut = stretch == 1 ? unitFootprintLUT : weightLUT(stretch: stretch)
        // Pixel index remapping for every column/row a footprint can touch.
        let reach = Int(support.rounded(.up)) + 2
        let pad = reach + Int(((Double(w + h) + abs(tx) + abs(ty)) * stretch).rounded(.up))
        let colMap = (-pad..<(w + pad)).map { outside.index($0, w) }
        let rowMap = (-pad..<(h + pad)).map { outside.index($0, h) * w }
        img.pixels.withUnsafeBufferPointer { src in
        PhaseWeights.table.withUnsafeBufferPointer { phase in
        lut.withUnsafeBufferPointer { lut in
        colMap.withUnsafeBufferPointer { colMap in
        rowMap.withUnsafeBufferPointer { rowMap in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    let dy = Double(y) + 0.5 - cy - ty
                    for x in 0..<w {
                        let dx = Double(x) + 0.5 - cx - tx
                        let u = i00 * dx + i01 * dy + cx, v = i10 * dx + i11 * dy + cy
                        if stretch == 1 {
                            // Unit footprint: 4×4 taps with weights tabulated by sub-pixel phase.
                            let iu = floorInt(u - 0.5), iv = floorInt(v - 0.5)
                            let bu = Double(iu), bv = Double(iv)
                            if iu - 1 >= -pad && iu + 2 < w + pad && iv - 1 >= -pad && iv + 2 < h + pad {
                                let pu = Int((u - 0.5 - bu) * Double(PhaseWeights.phases) + 0.5)
                                let pv = Int((v - 0.5 - bv) * Double(PhaseWeights.phases) + 0.5)
                                let t = (pv * (PhaseWeights.phases + 1) + pu) * 16
                                var acc = SIMD4<Float>.zero
                                let c0 = iu - 1 + pad, r0 = iv - 1 + pad
                                for l in 0..<4 {
                                    let row: Int = rowMap[r0 + l]
                                    let tl: Int = t + l * 4
                                    for k in 0..<4 {
                                        let weight: Float = phase[tl + k]
                                        let pixel: SIMD4<Float> = src[row + colMap[c0 + k]]
                                        acc += weight * pixel
                                    }
                                }
                                dst[y * w + x] = clamp255(acc)
                                continue
                            }
                        }
                        let x0 = max(Int((u - 0.5 - support).rounded(.up)), -pad)
                        let x1 = min(Int((u - 0.5 + support).rounded(.down)), w + pad - 1)
                        let y0 = max(Int((v - 0.5 - support).rounded(.up)), -pad)
                        let y1 = min(Int((v - 0.5 + support).rounded(.down)), h + pad - 1)
                        var acc = SIMD4<Float>.zero, total: Float = 0
                        if x0 <= x1 && y0 <= y1 {
                            let fx0 = Float(Double(x0) + 0.5 - u)
                            for j in y0...y1 {
                                let fy = Float(Double(j) + 0.5 - v)
                                let fy2 = fy * fy
                                let row = rowMap[j + pad]
                                var fx = fx0
                                for i in x0...x1 {
                                    let q = fx * fx + fy2
                                    fx += 1
                                    let wt = lut[Int(q * lutScale)]
                                    acc += wt * src[row + colMap[i + pad]]
                                    total += wt
                                }
                            }
                        }
                        // Stored clamped, as ImageMagick stores each step in its quantum range.
                        dst[y * w + x] = total != 0 ? clamp255(acc / total) : .zero
                    }
                }
            }
        }
        }
        }
        }
        }
        return out
    }
}

/// Normalised Robidoux weights of the 4×4 taps around a sample point, for
/// every sub-pixel phase (1/32 px): the distortion's inner loop becomes 16
/// multiply-adds with no weight arithmetic. The phase rounding moves a
/// sample by at most 1/64 px.
enum PhaseWeights {
    static let phases = 32
    static let table: [Float] = {
        var t = [Float](repeating: 0, count: (phases + 1) * (phases + 1) * 16)
        for pv in 0...phases {
            for pu in 0...phases {
                let fu = Double(pu) / Double(phases), fv = Double(pv) / Double(phases)
                var w = [Double](repeating: 0, count: 16)
                for l in 0..<4 {
                    for k in 0..<4 {
                        let dx = Double(k - 1) - fu, dy = Double(l - 1) - fv
                        w[l * 4 + k] = NativeKernels.robidoux((dx * dx + dy * dy).squareRoot())
                    }
                }
                let sum = w.reduce(0, +)
                let base = (pv * (phases + 1) + pu) * 16
                for i in 0..<16 { t[base + i] = Float(w[i] / sum) }
            }
        }
        return t
    }()
}
