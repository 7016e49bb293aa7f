/// One separable filter pass over `SIMD4<Float>` pixels (R, G, B, unused on
/// 0…255), unrounded: the Float path of ``Resampler``, used by augment's
/// native engine for its Lanczos resize and its Gaussian blur.
///
/// `out[p] = Σₖ weight[p·taps + k] · src[index[p·taps + k]]` along rows
/// (`horizontal`) or columns; tables are flat, padded to `taps` entries per
/// output position and already remapped for the borders
/// (``ResampleTable/paddedIndex`` and ``ResampleTable/floatWeights`` for a resize).
///
///     let t = ResampleTable.cached(kernel: .lanczos3, arithmetic: .imageMagick, inSize: 128, outSize: 64)
///     SeparablePass.run(src, width: 128, into: dst, outWidth: 64, outHeight: 128, horizontal: true,
///                       taps: t.stride, index: t.paddedIndex, weight: t.floatWeights)
package enum SeparablePass {
    /// Filters `src` (`width` pixels per row) into `dst` (`outWidth × outHeight`).
    package static func run(_ src: UnsafeBufferPointer<SIMD4<Float>>, width inW: Int,
                            into dst: UnsafeMutableBufferPointer<SIMD4<Float>>, outWidth: Int, outHeight: Int,
                            horizontal: Bool, taps: Int, index: [Int], weight: [Float]) {
        index.withUnsafeBufferPointer { index in
            weight.withUnsafeBufferPointer { weight in
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        var acc = SIMD4<Float>.zero
                        if horizontal {
                            let t = x * taps, row = y * inW
                            for k in 0..<taps { acc += weight[t + k] * src[row + index[t + k]] }
                        } else {
                            let t = y * taps
                            for k in 0..<taps { acc += weight[t + k] * src[index[t + k] * inW + x] }
                        }
                        dst[y * outWidth + x] = acc
                    }
                }
            }
        }
    }
}
