/// A value the 8-bit path reads: source bytes, or the first pass's sums.
protocol ResampleSample {
    var floatValue: Float { get }
}

extension UInt8: ResampleSample {
    @inline(__always) var floatValue: Float { Float(self) }
}

extension Float: ResampleSample {
    @inline(__always) var floatValue: Float { self }
}

/// The two passes of ``Resampler/resample(_:columns:rows:order:rounding:)``.
///
/// Each adds `weight × value` in `Float`, taps in table order, into zeroed
/// output; with 4 channels colour is weighted by `weight × alpha / 255` and
/// then divided by that weight's sum (the vertical pass divides, the
/// horizontal one multiplies by the reciprocal: crop's golden bytes were made so).
enum BytePasses {
    /// Output row `i` = Σₖ wₖ · source row `start[i] + k`, over the columns
    /// `firstColumn ..< firstColumn + span`; `src` holds rows from `firstRow`,
    /// each `width` pixels. Writes `rows.outSize × span × channels` values.
    static func vertical<T: ResampleSample>(_ src: UnsafePointer<T>, width: Int, firstRow: Int, firstColumn: Int, span: Int,
                                            channels ch: Int, rows: ResampleTable, out: UnsafeMutablePointer<Float>) {
        let len = span * ch
        rows.floatWeights.withUnsafeBufferPointer { weights in
            var gamma = [Float](repeating: 0, count: ch == 4 ? span : 0)
            for i in 0..<rows.outSize {
                let o = out + i * len
                let taps = rows.count[i], base = i * rows.stride
                @inline(__always) func row(_ k: Int) -> UnsafePointer<T> {
                    src + ((rows.start[i] + k - firstRow) * width + firstColumn) * ch
                }
                if ch == 4 {
                    for x in 0..<span { gamma[x] = 0 }
                    for k in 0..<taps {
                        let w = weights[base + k], p = row(k)
                        for x in 0..<span {
                            let a = w * p[x * 4 + 3].floatValue / 255
                            o[x * 4] += a * p[x * 4].floatValue
                            o[x * 4 + 1] += a * p[x * 4 + 1].floatValue
                            o[x * 4 + 2] += a * p[x * 4 + 2].floatValue
                            o[x * 4 + 3] += w * p[x * 4 + 3].floatValue
                            gamma[x] += a
                        }
                    }
                    for x in 0..<span where abs(gamma[x]) > 1e-12 { for c in 0..<3 { o[x * 4 + c] /= gamma[x] } }
                } else {
                    for k in 0..<taps {
                        let w = weights[base + k], p = row(k)
                        for v in 0..<len { o[v] += w * p[v].floatValue }
                    }
                }
            }
        }
    }

    /// Output column `j` of each of `rowCount` rows = Σₖ wₖ · pixel
    /// `start[j] + k`; row `r` of `src` starts at `src + r·rowLength·channels`
    /// and holds the columns from `firstColumn`. Writes `rowCount × columns.outSize × channels` values.
    static func horizontal<T: ResampleSample>(_ src: UnsafePointer<T>, rowCount: Int, rowLength: Int, firstColumn: Int,
                                              channels ch: Int, columns: ResampleTable, out: UnsafeMutablePointer<Float>) {
        let n = columns.outSize
        columns.floatWeights.withUnsafeBufferPointer { weights in
            for r in 0..<rowCount {
                let row = src + r * rowLength * ch, o = out + r * n * ch
                for j in 0..<n {
                    let base = j * columns.stride, taps = columns.count[j]
                    let p0 = row + (columns.start[j] - firstColumn) * ch, d = o + j * ch
                    switch ch {
                    case 4:
                        var r0: Float = 0, g0: Float = 0, b0: Float = 0, a0: Float = 0, gamma: Float = 0
                        for k in 0..<taps {
                            let w = weights[base + k], p = p0 + k * 4
                            let a = w * p[3].floatValue / 255
                            r0 += a * p[0].floatValue; g0 += a * p[1].floatValue; b0 += a * p[2].floatValue
                            a0 += w * p[3].floatValue
                            gamma += a
                        }
                        let g = abs(gamma) > 1e-12 ? 1 / gamma : 1
                        d[0] = r0 * g; d[1] = g0 * g; d[2] = b0 * g; d[3] = a0
                    case 3:
                        var r0: Float = 0, g0: Float = 0, b0: Float = 0
                        for k in 0..<taps {
                            let w = weights[base + k], p = p0 + k * 3
                            r0 += w * p[0].floatValue; g0 += w * p[1].floatValue; b0 += w * p[2].floatValue
                        }
                        d[0] = r0; d[1] = g0; d[2] = b0
                    default:
                        for c in 0..<ch {
                            var acc: Float = 0
                            for k in 0..<taps { acc += weights[base + k] * p0[k * ch + c].floatValue }
                            d[c] = acc
                        }
                    }
                }
            }
        }
    }
}
