/// col2im by output phase, for the inference pass: gathers instead of scattering.
///
/// With stride `s`, output column `ix = s·i + px` receives tap `kx` only when
/// `(px + padLeft − kx)` is a multiple of `s`, and then from column position
/// `ox = i + dx` with `dx = (px + padLeft − kx) / s`: for a fixed phase `px`
/// the positions are contiguous in `i`. So each output row is summed as `s`
/// dense phase rows (plain vector adds of shifted column rows, no strided
/// scatter), then interleaved into the image once. The taps arrive in the
/// same `(ky, kx)` order as in ``Im2Col/addColumns(_:ldc:into:table:scratch:)``,
/// so every output value is the same sum in the same order.
extension Im2Col {
    /// One horizontal tap: its phase, its shift and the range of `i` it covers.
    struct PhaseTap {
        var phase: Int
        var shift: Int
        var lower: Int
        var upper: Int
    }

    /// The `kernelX` horizontal taps of this geometry.
    var phaseTaps: [PhaseTap] {
        let g = geometry, s = g.strideX
        return (0..<g.kernelX).map { kx in
            let u = g.padLeft - kx
            let phase = ((-u) % s + s) % s, shift = (phase + u) / s
            let width = (g.width - phase + s - 1) / s
            return PhaseTap(phase: phase, shift: shift, lower: max(0, -shift), upper: min(width, g.outWidth - shift))
        }
    }

    /// Sets `dstPlane` to `initial` plus one `(channel, image)` plane's columns
    /// (`src`: first tap's row, rows `ldc` apart), using `rowScratch`
    /// (`width + strideX` floats).
    @inline(__always)
    func gatherColumns(_ src: UnsafePointer<Float>, ldc: Int, initial: Float, into dstPlane: UnsafeMutablePointer<Float>,
                       taps: [PhaseTap], rowScratch acc: UnsafeMutablePointer<Float>) {
        let g = geometry, s = g.strideX, rowStride = (g.width + s - 1) / s
        for iy in 0..<g.height {
            acc.update(repeating: initial, count: rowStride * s)
            for ky in 0..<g.kernelY {
                let t = iy + g.padTop - ky
                if t < 0 || t % g.strideY != 0 { continue }
                let oy = t / g.strideY
                if oy >= g.outHeight { continue }
                for kx in 0..<g.kernelX {
                    let tap = taps[kx]
                    let a = acc + tap.phase * rowStride
                    let b = src + (ky * g.kernelX + kx) * ldc + oy * g.outWidth + tap.shift
                    var i = tap.lower
                    while i + 8 <= tap.upper {
                        let v = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
                            + UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(a + i).storeBytes(of: v, as: SIMD8<Float>.self)
                        i += 8
                    }
                    if i + 4 <= tap.upper {
                        let v = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD4<Float>.self)
                            + UnsafeRawPointer(b + i).loadUnaligned(as: SIMD4<Float>.self)
                        UnsafeMutableRawPointer(a + i).storeBytes(of: v, as: SIMD4<Float>.self)
                        i += 4
                    }
                    while i < tap.upper { a[i] += b[i]; i += 1 }
                }
            }
            let d = dstPlane + iy * g.width
            for phase in 0..<s {
                let a = acc + phase * rowStride
                var i = 0, ix = phase
                while ix < g.width { d[ix] = a[i]; i += 1; ix += s }
            }
        }
    }
}
