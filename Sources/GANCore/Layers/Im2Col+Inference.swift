import Foundation

/// What an inference pass applies to each output plane as soon as col2im has
/// finished it, while the plane is still in cache: `y = act(scale[c]·x + shift[c])`.
///
/// It stands for the layer that follows a transposed convolution in a
/// generator: a ``BatchNorm`` with its running statistics and fused ReLU
/// (``BatchNorm/inferenceEpilogue``), or an ``ActivationLayer`` (no affine part).
/// The arithmetic is the same expression those layers evaluate, so the fused
/// result is bit-identical to running them one after the other.
package struct PlaneEpilogue: Sendable {
    /// Per-channel affine part; nil means `scale 1, shift 0` (skipped).
    package var affine: (scale: [Float], shift: [Float])?
    package var activation: Activation

    package init(affine: (scale: [Float], shift: [Float])? = nil, activation: Activation) {
        self.affine = affine
        self.activation = activation
    }

    /// Applies the epilogue to `count` floats of channel `c`, in place.
    @inline(__always)
    func apply(_ p: UnsafeMutablePointer<Float>, count: Int, channel c: Int) {
        if let (scale, shift) = affine {
            let s = scale[c], b = shift[c]
            switch activation {
            case .relu: for i in 0..<count { let v = p[i] * s + b; p[i] = v > 0 ? v : 0 }
            case .leakyReLU(let k): for i in 0..<count { let v = p[i] * s + b; p[i] = v > 0 ? v : k * v }
            case .identity: for i in 0..<count { p[i] = p[i] * s + b }
            case .tanh: for i in 0..<count { p[i] = Foundation.tanh(p[i] * s + b) }
            case .sigmoid: for i in 0..<count { p[i] = Activation.sigmoid.apply(p[i] * s + b) }
            }
            return
        }
        switch activation {
        case .relu: for i in 0..<count { let v = p[i]; p[i] = v > 0 ? v : 0 }
        case .leakyReLU(let k): for i in 0..<count { let v = p[i]; p[i] = v > 0 ? v : k * v }
        case .identity: break
        case .tanh: for i in 0..<count { p[i] = Foundation.tanh(p[i]) }
        case .sigmoid: for i in 0..<count { p[i] = Activation.sigmoid.apply(p[i]) }
        }
    }
}

extension BatchNorm {
    /// This layer at inference (running statistics, fused activation) as a
    /// ``PlaneEpilogue``: the same scale and shift its forward pass computes.
    package var inferenceEpilogue: PlaneEpilogue {
        var scale = [Float](repeating: 0, count: channels), shift = scale
        let eps = Double(epsilon)
        for c in 0..<channels {
            let invStd = 1 / (Double(runningVar[c]) + eps).squareRoot()
            let g = Double(weight.value[c])
            scale[c] = Float(g * invStd)
            shift[c] = Float(Double(bias.value[c]) - Double(runningMean[c]) * g * invStd)
        }
        return PlaneEpilogue(affine: (scale, shift), activation: activation)
    }
}

extension Im2Col {
    /// col2im for a block of the output, inline on the calling thread (worker
    /// `worker`'s scratch): the planes of `channels` × `images` (of a
    /// `batch`-image `[C, N, H, W]` tensor), each first set to `bias[c]`, then
    /// summed from `col`, then passed through `epilogue`.
    ///
    /// `col` holds only the block: row `(c − channels.lowerBound)·taps + tap`,
    /// column `(n − images.lowerBound)·outPlane + position`, rows `ldc` apart.
    func col2im(channels: Range<Int>, images: Range<Int>, batch: Int, col: UnsafePointer<Float>, ldc: Int,
                bias: UnsafePointer<Float>, image: UnsafeMutablePointer<Float>, epilogue: PlaneEpilogue?, worker: Int) {
        let g = geometry
        let plane = g.height * g.width, outPlane = g.outHeight * g.outWidth, taps = g.kernelY * g.kernelX
        let buf = scratch + worker * planeSlots, phaseTaps = self.phaseTaps
        for c in channels {
            for n in images {
                let dst = image + (c * batch + n) * plane
                let src = col + (c - channels.lowerBound) * taps * ldc + (n - images.lowerBound) * outPlane
                gatherColumns(src, ldc: ldc, initial: bias[c], into: dst, taps: phaseTaps, rowScratch: buf)
                epilogue?.apply(dst, count: plane, channel: c)
            }
        }
    }
}
