/// How a convolution's "image side" and "column side" line up.
///
/// For a `Conv2d` the image side is its input and the column side its output;
/// for a `ConvTranspose2d` it is the other way round (the transposed
/// convolution is the adjoint of this same mapping). Column position
/// `(oy, ox)` with kernel tap `(ky, kx)` reads image pixel
/// `(oy·strideY − padTop + ky, ox·strideX − padLeft + kx)`; pixels outside
/// the image are zero. Bottom/right padding is implied by the column size.
public struct ConvGeometry: Sendable, Equatable {
    public var channels: Int
    public var height: Int
    public var width: Int
    public var kernelY: Int
    public var kernelX: Int
    public var strideY: Int
    public var strideX: Int
    public var padTop: Int
    public var padLeft: Int
    public var outHeight: Int
    public var outWidth: Int

    /// Rows of the column matrix: `channels × kernelY × kernelX`.
    public var rows: Int { channels * kernelY * kernelX }
}

/// Padding rule of a convolution.
public enum ConvPadding: Sendable, Equatable, Codable {
    /// TensorFlow's "SAME": the output has `ceil(size / stride)` pixels; the
    /// total padding is split with the odd pixel on the bottom/right (for
    /// kernel 5, stride 2 and an even size: 1 before, 2 after).
    case same
    /// PyTorch-style symmetric padding of `n` pixels.
    case explicit(Int)

    /// Output size and leading pad of a convolution reading `size` pixels.
    func convolution(size: Int, kernel: Int, stride: Int) -> (out: Int, padBefore: Int) {
        switch self {
        case .same:
            let out = (size + stride - 1) / stride
            let total = max((out - 1) * stride + kernel - size, 0)
            return (out, total / 2)
        case .explicit(let p):
            return ((size + 2 * p - kernel) / stride + 1, p)
        }
    }

    /// Output size and leading pad of a transposed convolution reading `size` pixels.
    func transposed(size: Int, kernel: Int, stride: Int, outputPadding: Int) -> (out: Int, padBefore: Int) {
        switch self {
        case .same:
            let out = size * stride
            let total = max((size - 1) * stride + kernel - out, 0)
            return (out, total / 2)
        case .explicit(let p):
            return ((size - 1) * stride - 2 * p + kernel + outputPadding, p)
        }
    }
}

/// Lowering of convolutions to GEMM over the whole minibatch.
///
/// Images are channel-major `[C, N, H, W]`; the column matrix is
/// `[C·kh·kw, N·Ho·Wo]` (row `(c, ky, kx)`, column `(n, oy, ox)`). Both
/// directions run in parallel over `(channel, image)` planes, each plane owned
/// by one worker, and allocate nothing.
enum Im2Col {
    /// Fills `col` from `image` (zeros where the tap falls outside).
    static func im2col(_ g: ConvGeometry, batch: Int, image: UnsafePointer<Float>, col: UnsafeMutablePointer<Float>) {
        let img = SharedPointer(UnsafeMutablePointer(mutating: image)), out = SharedPointer(col)
        let plane = g.height * g.width, outPlane = g.outHeight * g.outWidth
        let ldc = batch * outPlane
        Compute.parallel(g.channels * batch) { start, end in
            for job in start..<end {
                let c = job / batch, n = job % batch
                let src = img.p + (c * batch + n) * plane
                for ky in 0..<g.kernelY {
                    for kx in 0..<g.kernelX {
                        let row = (c * g.kernelY + ky) * g.kernelX + kx
                        let dst = out.p + row * ldc + n * outPlane
                        let (x0, x1) = validRange(tap: kx, pad: g.padLeft, stride: g.strideX, size: g.width, out: g.outWidth)
                        for oy in 0..<g.outHeight {
                            let iy = oy * g.strideY - g.padTop + ky
                            let d = dst + oy * g.outWidth
                            if iy < 0 || iy >= g.height || x0 >= x1 {
                                d.update(repeating: 0, count: g.outWidth)
                                continue
                            }
                            if x0 > 0 { d.update(repeating: 0, count: x0) }
                            if x1 < g.outWidth { (d + x1).update(repeating: 0, count: g.outWidth - x1) }
                            let s = src + iy * g.width - g.padLeft + kx
                            if g.strideX == 1 {
                                (d + x0).update(from: s + x0, count: x1 - x0)
                            } else {
                                var ox = x0
                                while ox < x1 { d[ox] = s[ox * g.strideX]; ox += 1 }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Adds `col` into `image` (the adjoint of ``im2col``); `image` must hold
    /// its initial values (zeros or a bias) beforehand.
    static func col2im(_ g: ConvGeometry, batch: Int, col: UnsafePointer<Float>, image: UnsafeMutablePointer<Float>) {
        let img = SharedPointer(image), cp = SharedPointer(UnsafeMutablePointer(mutating: col))
        let plane = g.height * g.width, outPlane = g.outHeight * g.outWidth
        let ldc = batch * outPlane
        Compute.parallel(g.channels * batch) { start, end in
            for job in start..<end {
                let c = job / batch, n = job % batch
                let dstPlane = img.p + (c * batch + n) * plane
                for ky in 0..<g.kernelY {
                    for kx in 0..<g.kernelX {
                        let row = (c * g.kernelY + ky) * g.kernelX + kx
                        let src = cp.p + row * ldc + n * outPlane
                        let (x0, x1) = validRange(tap: kx, pad: g.padLeft, stride: g.strideX, size: g.width, out: g.outWidth)
                        if x0 >= x1 { continue }
                        for oy in 0..<g.outHeight {
                            let iy = oy * g.strideY - g.padTop + ky
                            if iy < 0 || iy >= g.height { continue }
                            let d = dstPlane + iy * g.width - g.padLeft + kx
                            let s = src + oy * g.outWidth
                            var ox = x0
                            while ox < x1 { d[ox * g.strideX] += s[ox]; ox += 1 }
                        }
                    }
                }
            }
        }
    }

    /// Column positions `ox` in `x0..<x1` whose tap `kx` lands inside the image.
    @inline(__always)
    static func validRange(tap: Int, pad: Int, stride: Int, size: Int, out: Int) -> (Int, Int) {
        // ix = ox*stride - pad + tap must satisfy 0 <= ix < size.
        let lo = pad - tap  // need ox*stride >= lo
        let x0 = lo <= 0 ? 0 : (lo + stride - 1) / stride
        let hi = size - 1 + pad - tap  // need ox*stride <= hi
        let x1 = hi < 0 ? 0 : min(out, hi / stride + 1)
        return (min(x0, out), x1)
    }
}
