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
/// directions run in parallel over `(channel, image)` planes, each plane
/// owned by one worker. A plan is built once per geometry: for each tap
/// `(ky, kx)` a table maps every column position of a plane to its image
/// pixel, or to a zero slot past the plane's end for padding. Each worker
/// copies one image plane plus that slot into its own scratch, so the inner
/// loops are plain gathers and scatters without bounds tests or allocation.
final class Im2Col: @unchecked Sendable {
    let geometry: ConvGeometry
    /// `kernelY · kernelX` tables of `outHeight · outWidth` pixel offsets.
    let table: UnsafeMutablePointer<Int32>
    let scratch: UnsafeMutablePointer<Float>
    private let workers: Int
    /// Scratch floats per worker: a plane plus the zero slot, or a phase row (Im2Col+Phases.swift).
    var planeSlots: Int { max(geometry.height * geometry.width + 1, geometry.width + geometry.strideX) }

    init(_ g: ConvGeometry) {
        geometry = g
        let taps = g.kernelY * g.kernelX, outPlane = g.outHeight * g.outWidth, zero = Int32(g.height * g.width)
        table = .allocate(capacity: taps * outPlane)
        for ky in 0..<g.kernelY {
            for kx in 0..<g.kernelX {
                let t = table + (ky * g.kernelX + kx) * outPlane
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        let iy = oy * g.strideY - g.padTop + ky, ix = ox * g.strideX - g.padLeft + kx
                        let inside = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width
                        t[oy * g.outWidth + ox] = inside ? Int32(iy * g.width + ix) : zero
                    }
                }
            }
        }
        workers = max(1, Compute.threads)
        scratch = .allocate(capacity: workers * max(g.height * g.width + 1, g.width + g.strideX))
    }

    deinit {
        table.deallocate()
        scratch.deallocate()
    }

    /// Fills `col` from `image` (zeros where the tap falls outside).
    func im2col(batch: Int, image: UnsafePointer<Float>, col: UnsafeMutablePointer<Float>) {
        let g = geometry
        let img = SharedPointer(UnsafeMutablePointer(mutating: image)), out = SharedPointer(col)
        let tab = SharedPointer(table), scr = SharedPointer(scratch)
        let plane = g.height * g.width, slots = planeSlots, outPlane = g.outHeight * g.outWidth
        let ldc = batch * outPlane, taps = g.kernelY * g.kernelX, maxWorkers = workers
        Compute.parallelWorkers(g.channels * batch, maxWorkers: maxWorkers) { w, start, end in
            let buf = scr.p + w * slots
            for job in start..<end {
                let c = job / batch, n = job % batch
                buf.update(from: img.p + (c * batch + n) * plane, count: plane)
                buf[plane] = 0
                for tap in 0..<taps {
                    let dst = out.p + (c * taps + tap) * ldc + n * outPlane
                    let t = tab.p + tap * outPlane
                    for j in 0..<outPlane { dst[j] = buf[Int(t[j])] }
                }
            }
        }
    }

    /// Adds `col` into `image` (the adjoint of ``im2col(batch:image:col:)``);
    /// `image` must hold its initial values (zeros or a bias) beforehand.
    func col2im(batch: Int, col: UnsafePointer<Float>, image: UnsafeMutablePointer<Float>) {
        let g = geometry
        let img = SharedPointer(image), cp = SharedPointer(UnsafeMutablePointer(mutating: col))
        let tab = SharedPointer(table), scr = SharedPointer(scratch)
        let plane = g.height * g.width, slots = planeSlots, outPlane = g.outHeight * g.outWidth
        let ldc = batch * outPlane, taps = g.kernelY * g.kernelX, maxWorkers = workers
        Compute.parallelWorkers(g.channels * batch, maxWorkers: maxWorkers) { w, start, end in
            let buf = scr.p + w * slots
            for job in start..<end {
                let c = job / batch, n = job % batch
                self.addColumns(cp.p + c * taps * ldc + n * outPlane, ldc: ldc, into: img.p + (c * batch + n) * plane,
                                table: tab.p, scratch: buf)
            }
        }
    }

    /// Adds one `(channel, image)` plane's columns into `dstPlane`: `src`
    /// points at its first tap's row (`taps` rows, `ldc` apart) and first column.
    ///
    /// Narrow outputs (≤ 8 columns per row) use the tables and `scratch`
    /// (``planeSlots`` floats); wider ones add whole rows directly, which streams better.
    @inline(__always)
    func addColumns(_ src: UnsafePointer<Float>, ldc: Int, into dstPlane: UnsafeMutablePointer<Float>,
                    table: UnsafeMutablePointer<Int32>, scratch buf: UnsafeMutablePointer<Float>) {
        let g = geometry
        let plane = g.height * g.width, outPlane = g.outHeight * g.outWidth, taps = g.kernelY * g.kernelX
        if g.outWidth <= 8 {
            buf.update(from: dstPlane, count: plane)
            for tap in 0..<taps {
                let s = src + tap * ldc, t = table + tap * outPlane
                for j in 0..<outPlane { buf[Int(t[j])] += s[j] }
            }
            dstPlane.update(from: buf, count: plane)
            return
        }
        for ky in 0..<g.kernelY {
            for kx in 0..<g.kernelX {
                let tapSrc = src + (ky * g.kernelX + kx) * ldc
                let (x0, x1) = Im2Col.validRange(tap: kx, pad: g.padLeft, stride: g.strideX, size: g.width, out: g.outWidth)
                if x0 >= x1 { continue }
                for oy in 0..<g.outHeight {
                    let iy = oy * g.strideY - g.padTop + ky
                    if iy < 0 || iy >= g.height { continue }
                    let d = dstPlane + iy * g.width - g.padLeft + kx
                    let s = tapSrc + oy * g.outWidth
                    var ox = x0
                    while ox < x1 { d[ox * g.strideX] += s[ox]; ox += 1 }
                }
            }
        }
    }

    /// Column positions `ox` in `x0..<x1` whose tap `kx` lands inside the image.
    @inline(__always)
    static func validRange(tap: Int, pad: Int, stride: Int, size: Int, out: Int) -> (Int, Int) {
        let lo = pad - tap  // need ox*stride - pad + tap >= 0
        let x0 = lo <= 0 ? 0 : (lo + stride - 1) / stride
        let hi = size - 1 + pad - tap  // need ox*stride - pad + tap <= size - 1
        let x1 = hi < 0 ? 0 : min(out, hi / stride + 1)
        return (min(x0, out), x1)
    }
}

/// Cache of ``Im2Col`` plans for the geometries a layer meets (one per batch size).
struct LoweringCache {
    private var plans: [Im2Col] = []

    mutating func plan(_ g: ConvGeometry) -> Im2Col {
        if let i = plans.firstIndex(where: { $0.geometry == g }) {
            if plans[i].workerCount >= Compute.threads { return plans[i] }
            plans[i] = Im2Col(g)  // more threads than when it was built
            return plans[i]
        }
        let p = Im2Col(g)
        plans.append(p)
        return p
    }
}

extension Im2Col {
    var workerCount: Int { workers }
}


