import DmanCore

/// Laplacian pyramid as in ProGAN's `metrics/sliced_wasserstein.py`: the
/// 5-tap binomial filter [1, 4, 6, 4, 1]/16 in both directions with scipy's
/// `mode='mirror'` borders (`dcb|abcd|cba`, OpenCV's `BORDER_REFLECT_101`).
///
/// Batches are Float32 `[n][c][h][w]`; every level of a pyramid has half the
/// size of the one before. Level `i < L−1` is `G_i − pyrUp(G_{i+1})`, the last
/// level is the Gaussian `G_{L−1}`.
enum LaplacianPyramid {
    static let taps: [Float] = [1, 4, 6, 4, 1]

    /// `dcb|abcd|cba` reflection of index `i` into `0..<n` (needs n ≥ 3).
    @inline(__always)
    static func mirror(_ i: Int, _ n: Int) -> Int {
        i < 0 ? -i : (i >= n ? 2 * n - 2 - i : i)
    }

    /// Blurs a `h×w` plane and keeps every second row and column (cv2.pyrDown).
    static func pyrDown(_ src: UnsafePointer<Float>, h: Int, w: Int, into dst: UnsafeMutablePointer<Float>,
                        scratch: UnsafeMutablePointer<Float>) {
        let ho = (h + 1) / 2, wo = (w + 1) / 2
        // Horizontal pass at even columns only: scratch is h × wo.
        for y in 0..<h {
            let row = src + y * w
            for xo in 0..<wo {
                var s: Float = 0
                for j in 0..<5 { s += taps[j] * row[mirror(2 * xo + j - 2, w)] }
                scratch[y * wo + xo] = s / 16
            }
        }
        for yo in 0..<ho {
            for xo in 0..<wo {
                var s: Float = 0
                for i in 0..<5 { s += taps[i] * scratch[mirror(2 * yo + i - 2, h) * wo + xo] }
                dst[yo * wo + xo] = s / 16
            }
        }
    }

    /// Subtracts pyrUp(`small`) (zero-insertion to 2h×2w, then the filter ×4,
    /// cv2.pyrUp) from the `2h×2w` plane `big`. `scratch` holds 8·h·w floats.
    static func subtractPyrUp(_ small: UnsafePointer<Float>, h: Int, w: Int, from big: UnsafeMutablePointer<Float>,
                              scratch: UnsafeMutablePointer<Float>) {
        let H = 2 * h, W = 2 * w
        let up = scratch, tmp = scratch + H * W
        up.update(repeating: 0, count: H * W)
        for y in 0..<h { for x in 0..<w { up[(2 * y) * W + 2 * x] = small[y * w + x] } }
        for y in 0..<H {
            for x in 0..<W {
                var s: Float = 0
                for j in 0..<5 { s += taps[j] * up[y * W + mirror(x + j - 2, W)] }
                tmp[y * W + x] = s / 8
            }
        }
        for y in 0..<H {
            for x in 0..<W {
                var s: Float = 0
                for i in 0..<5 { s += taps[i] * tmp[mirror(y + i - 2, H) * W + x] }
                big[y * W + x] -= s / 8
            }
        }
    }

    /// Builds `levels` levels from an `[n][c][h][w]` batch (h and w divisible
    /// by 2^(levels−1)); returns the level batches, finest first.
    static func build(_ batch: [Float], planes: Int, h: Int, w: Int, levels: Int,
                      jobs: Int = Parallel.defaultJobs) -> [[Float]] {
        var pyramid: [[Float]] = [batch]
        var (ch, cw) = (h, w)
        for _ in 1..<max(levels, 1) {
            let (nh, nw) = (ch / 2, cw / 2)
            var next = [Float](repeating: 0, count: planes * nh * nw)
            var fine = pyramid.removeLast()
            let (fh, fw) = (ch, cw)
            next.withSharedPointer { dst in
                fine.withSharedPointer { src in
                    Parallel.forEach(planes, jobs: jobs) { p in
                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 8 * fh * fw)
                        defer { scratch.deallocate() }
                        let s = src.p + p * fh * fw, d = dst.p + p * nh * nw
                        pyrDown(s, h: fh, w: fw, into: d, scratch: scratch)
                        subtractPyrUp(d, h: nh, w: nw, from: s, scratch: scratch)
                    }
                }
            }
            pyramid.append(fine)
            pyramid.append(next)
            (ch, cw) = (nh, nw)
        }
        return pyramid
    }
}
