import Foundation

/// dman's one resampler: separable, with pluggable kernels (``ResampleKernel``)
/// and the arithmetic of the tool each caller is compared with
/// (``ResampleArithmetic``), over precomputed ``ResampleTable``s.
///
/// Three data paths share the tables:
/// - 8-bit interleaved pictures with `Float` accumulation, colour weighted
///   by alpha (``resample(_:columns:rows:order:rounding:)``: crop, training data);
/// - 8-bit single planes in Pillow's 22-bit fixed point
///   (``resizePlane(_:width:height:toWidth:toHeight:kernel:)``: the hashes);
/// - `SIMD4<Float>` pixels kept unrounded between steps (``SeparablePass``: augment).
///
///     // A crop's square window, which may start between pixels, to 64 × 64:
///     let crop = Resampler.lanczosWindow(picture, x: 10.5, y: 3, side: 200.25, to: 64)
package enum Resampler {
    /// Which axis the 8-bit path filters first (the other reads its `Float` result).
    package enum PassOrder: Sendable {
        /// Columns of each output row first (ImageMagick's choice for crop's squares).
        case verticalFirst
        /// Rows first, then columns.
        case horizontalFirst
    }

    /// How the 8-bit path turns a `Float` sum into a byte (after clamping to 0…255).
    package enum Rounding: Sendable {
        /// `UInt8(v + 0.5)`, truncating (ImageMagick's `ClampToQuantum`).
        case addHalf
        /// `v.rounded()`, half away from zero.
        case nearest
    }

    /// The square window (`x`, `y`, `side`) of `image`, in its pixel units
    /// and possibly fractional, resampled to `n × n` with Lanczos-3 as
    /// `convert src -crop SxS+X+Y +repage -filter Lanczos -resize NxN!` does
    /// (within one level: ImageMagick rounds its intermediate to 16 bits).
    /// The window must lie inside the image.
    package static func lanczosWindow(_ image: PixelImage, x: Double, y: Double, side: Double, to n: Int) -> PixelImage {
        let columns = ResampleTable(kernel: .lanczos3, arithmetic: .imageMagickWindow, limit: image.width,
                                    origin: x, length: side, outSize: n)
        let rows = ResampleTable(kernel: .lanczos3, arithmetic: .imageMagickWindow, limit: image.height,
                                 origin: y, length: side, outSize: n)
        return resample(image, columns: columns, rows: rows, order: .verticalFirst, rounding: .addHalf)
    }

    /// The largest centred square of `image` (alpha flattened onto white
    /// first), resampled to `side × side` RGB with ``ResampleKernel/area``:
    /// area averaging when shrinking, bilinear when enlarging.
    package static func centreSquare(_ image: PixelImage, side: Int) -> PixelImage {
        let src = image.channels == 3 ? image : image.flattened(onto: .white)
        let s = min(src.width, src.height)
        let columns = ResampleTable(kernel: .area, arithmetic: .imageMagickWindow, limit: src.width,
                                    origin: Double((src.width - s) / 2), length: Double(s), outSize: side)
        let rows = ResampleTable(kernel: .area, arithmetic: .imageMagickWindow, limit: src.height,
                                 origin: Double((src.height - s) / 2), length: Double(s), outSize: side)
        return resample(src, columns: columns, rows: rows, order: .horizontalFirst, rounding: .nearest)
    }

    /// `image` resampled to `columns.outSize × rows.outSize`: the 8-bit path.
    ///
    /// Sums are `Float`, taps in table order; with alpha (4 channels) colour
    /// is weighted by alpha and divided by the summed alpha weight in each
    /// pass, as ImageMagick does. Only the source rows and columns the tables
    /// reach are read.
    package static func resample(_ image: PixelImage, columns: ResampleTable, rows: ResampleTable,
                                 order: PassOrder, rounding: Rounding) -> PixelImage {
        precondition(columns.inSize == image.width && rows.inSize == image.height, "tables do not fit the image")
        let ch = image.channels, outW = columns.outSize, outH = rows.outSize
        var sums = [Float](repeating: 0, count: outW * outH * ch)
        image.pixels.withUnsafeBufferPointer { src in
            sums.withUnsafeMutableBufferPointer { out in
                switch order {
                case .verticalFirst:
                    let c0 = reach(columns).lowerBound, span = reach(columns).count
                    var mid = [Float](repeating: 0, count: outH * span * ch)
                    mid.withUnsafeMutableBufferPointer { m in
                        BytePasses.vertical(src.baseAddress!, width: image.width, firstRow: 0, firstColumn: c0, span: span,
                                            channels: ch, rows: rows, out: m.baseAddress!)
                        BytePasses.horizontal(UnsafePointer(m.baseAddress!), rowCount: outH, rowLength: span, firstColumn: c0,
                                              channels: ch, columns: columns, out: out.baseAddress!)
                    }
                case .horizontalFirst:
                    let r0 = reach(rows).lowerBound, span = reach(rows).count
                    var mid = [Float](repeating: 0, count: span * outW * ch)
                    mid.withUnsafeMutableBufferPointer { m in
                        BytePasses.horizontal(src.baseAddress! + r0 * image.width * ch, rowCount: span, rowLength: image.width,
                                              firstColumn: 0, channels: ch, columns: columns, out: m.baseAddress!)
                        BytePasses.vertical(UnsafePointer(m.baseAddress!), width: outW, firstRow: r0, firstColumn: 0,
                                            span: outW, channels: ch, rows: rows, out: out.baseAddress!)
                    }
                }
            }
        }
        var result = PixelImage(width: outW, height: outH, channels: ch)
        result.pixels.withUnsafeMutableBufferPointer { dst in
            sums.withUnsafeBufferPointer { s in
                switch rounding {
                case .addHalf: for i in 0..<s.count { dst[i] = UInt8(max(0, min(255, s[i] + 0.5))) }
                case .nearest: for i in 0..<s.count { dst[i] = UInt8(max(0, min(255, s[i].rounded()))) }
                }
            }
        }
        return result
    }

    /// The source indices a table reads.
    static func reach(_ t: ResampleTable) -> Range<Int> {
        let lo = t.start.min()!
        let hi = zip(t.start, t.count).map { $0 + $1 }.max()!
        return lo..<max(hi, lo + 1)
    }
}
