extension Resampler {
    /// Resizes an 8-bit single-channel plane as Pillow's `Image.resize` does
    /// for mode `L` (no reducing gap): Pillow's coefficients
    /// (``ResampleArithmetic/pillow``) in 22-bit fixed point, the horizontal
    /// pass first into an 8-bit buffer, then the vertical one.
    ///
    ///     let hash32 = Resampler.resizePlane(luma, width: w, height: h, toWidth: 32, toHeight: 32, kernel: .lanczos3)
    package static func resizePlane(_ gray: [UInt8], width: Int, height: Int, toWidth outW: Int, toHeight outH: Int,
                                    kernel: ResampleKernel) -> [UInt8] {
        precondition(gray.count == width * height && outW > 0 && outH > 0, "plane does not match its size")
        if outW == width && outH == height { return gray }
        let needH = outW != width, needV = outH != height
        let vert = ResampleTable.cached(kernel: kernel, arithmetic: .pillow, inSize: height, outSize: outH)
        // Only the rows the vertical pass will read go through the horizontal pass.
        let first = needV ? vert.start[0] : 0
        let last = needV ? vert.start[outH - 1] + vert.count[outH - 1] : height
        var src = gray, srcW = width, rowBase = 0
        if needH {
            let horiz = ResampleTable.cached(kernel: kernel, arithmetic: .pillow, inSize: width, outSize: outW)
            var tmp = [UInt8](repeating: 0, count: outW * (last - first))
            gray.withUnsafeBufferPointer { g in
                horiz.fixedPointWeights.withUnsafeBufferPointer { wt in
                    tmp.withUnsafeMutableBufferPointer { t in
                        for y in first..<last {
                            let row = y * width, orow = (y - first) * outW
                            for xx in 0..<outW {
                                let xmin = horiz.start[xx], kb = xx * horiz.stride
                                var ss = 1 << (ResampleTable.fixedPointBits - 1)
                                for x in 0..<horiz.count[xx] { ss += Int(g[row + xmin + x]) &* Int(wt[kb + x]) }
                                t[orow + xx] = clip8(ss)
                            }
                        }
                    }
                }
            }
            if !needV { return tmp }
            src = tmp; srcW = outW; rowBase = first
        }
        var out = [UInt8](repeating: 0, count: outW * outH)
        src.withUnsafeBufferPointer { g in
            vert.fixedPointWeights.withUnsafeBufferPointer { wt in
                out.withUnsafeMutableBufferPointer { o in
                    for yy in 0..<outH {
                        let ymin = vert.start[yy] - rowBase, n = vert.count[yy], kb = yy * vert.stride
                        for xx in 0..<outW {
                            var ss = 1 << (ResampleTable.fixedPointBits - 1)
                            for y in 0..<n { ss += Int(g[(y + ymin) * srcW + xx]) &* Int(wt[kb + y]) }
                            o[yy * outW + xx] = clip8(ss)
                        }
                    }
                }
            }
        }
        return out
    }

    /// A fixed-point sum as a byte (Pillow's `clip8`).
    @inline(__always)
    package static func clip8(_ v: Int) -> UInt8 {
        if v >= 1 << (ResampleTable.fixedPointBits + 8) { return 255 }
        if v <= 0 { return 0 }
        return UInt8(v >> ResampleTable.fixedPointBits)
    }
}
