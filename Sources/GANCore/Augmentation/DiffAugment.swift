/// Differentiable augmentation (Zhao et al. 2020, "Differentiable
/// Augmentation for Data-Efficient GAN Training"), forward and backward,
/// in place on Float32 NCHW batches.
///
/// Semantics follow the official `DiffAugment_pytorch.py` (policies
/// `color`, `translation`, `cutout`); every op is affine in the pixels with
/// coefficients that depend only on the sampled parameters, so the backward
/// pass needs no saved activations.
///
///     // D step: augment reals and fakes (fresh draws each), no input gradient needed.
///     var pReal = DiffAugmentParameters.sample(policy: policy, shape: shape, using: &rng)
///     DiffAugment.forward(realBatch, shape: shape, parameters: pReal)
///     // G step: augment fakes, run D, then map D's input gradient back to G's output.
///     let pFake = DiffAugmentParameters.sample(policy: policy, shape: shape, using: &rng)
///     DiffAugment.forward(fakeBatch, shape: shape, parameters: pFake)
///     // … gradD = dLoss/d(augmented fakes) from D's backward …
///     DiffAugment.backward(gradD, shape: shape, parameters: pFake)  // now dLoss/d(fakes)
public enum DiffAugment {
    /// Augments `x` in place: `x ← T(x)` with the parameters' draws.
    public static func forward(_ x: UnsafeMutableBufferPointer<Float>, shape: ImageBatchShape,
                               parameters p: DiffAugmentParameters) {
        check(x.count, shape, p)
        let per = shape.imageCount, plane = shape.h * shape.w
        for b in 0..<shape.n where !p.isSkipped(b) {
            let img = x.baseAddress! + b * per
            for op in p.policy.ops {
                switch op {
                case .color:
                    addConstant(img, per, p.brightness[b])
                    mixTowardPixelMean(img, channels: shape.c, plane: plane, factor: p.saturation[b])
                    mixTowardImageMean(img, per, factor: p.contrast[b])
                case .translation:
                    for ch in 0..<shape.c {
                        shift(img + ch * plane, h: shape.h, w: shape.w, dy: p.shiftY[b], dx: p.shiftX[b])
                    }
                case .cutout:
                    cutout(img, shape: shape, p: p, b: b)
                }
            }
        }
    }

    /// Turns `grad = dL/dT(x)` into `dL/dx` in place (the exact transpose of
    /// ``forward(_:shape:parameters:)`` for the same parameters).
    public static func backward(_ grad: UnsafeMutableBufferPointer<Float>, shape: ImageBatchShape,
                                parameters p: DiffAugmentParameters) {
        check(grad.count, shape, p)
        let per = shape.imageCount, plane = shape.h * shape.w
        for b in 0..<shape.n where !p.isSkipped(b) {
            let img = grad.baseAddress! + b * per
            for op in p.policy.ops.reversed() {
                switch op {
                case .color:
                    // contrast and saturation are symmetric-mean mixes: their
                    // transposes are the same mixes; brightness has gradient 1.
                    mixTowardImageMean(img, per, factor: p.contrast[b])
                    mixTowardPixelMean(img, channels: shape.c, plane: plane, factor: p.saturation[b])
                case .translation:
                    for ch in 0..<shape.c {
                        shift(img + ch * plane, h: shape.h, w: shape.w, dy: -p.shiftY[b], dx: -p.shiftX[b])
                    }
                case .cutout:
                    cutout(img, shape: shape, p: p, b: b)
                }
            }
        }
    }

    /// ``forward(_:shape:parameters:)`` on an array.
    public static func forward(_ x: inout [Float], shape: ImageBatchShape, parameters: DiffAugmentParameters) {
        x.withUnsafeMutableBufferPointer { forward($0, shape: shape, parameters: parameters) }
    }

    /// ``backward(_:shape:parameters:)`` on an array.
    public static func backward(_ grad: inout [Float], shape: ImageBatchShape, parameters: DiffAugmentParameters) {
        grad.withUnsafeMutableBufferPointer { backward($0, shape: shape, parameters: parameters) }
    }

    // MARK: - Ops

    private static func check(_ count: Int, _ shape: ImageBatchShape, _ p: DiffAugmentParameters) {
        precondition(count == shape.count, "DiffAugment: buffer holds \(count) values, shape needs \(shape.count)")
        precondition(p.shape == shape, "DiffAugment: parameters were drawn for \(p.shape), batch is \(shape)")
        precondition(p.isConsistent, "DiffAugment: parameters do not cover the batch")
    }

    private static func addConstant(_ x: UnsafeMutablePointer<Float>, _ count: Int, _ v: Float) {
        for i in 0..<count { x[i] += v }
    }

    /// `x ← (x − m)·s + m`, m = mean over channels at each pixel. The map is
    /// `sI + (1−s)·J/C`, which is symmetric, so it is its own transpose.
    private static func mixTowardPixelMean(_ x: UnsafeMutablePointer<Float>, channels: Int, plane: Int, factor s: Float) {
        let inv = 1 / Float(channels)
        for i in 0..<plane {
            var sum: Float = 0
            for ch in 0..<channels { sum += x[ch * plane + i] }
            let m = sum * inv
            for ch in 0..<channels { x[ch * plane + i] = (x[ch * plane + i] - m) * s + m }
        }
    }

    /// `x ← (x − M)·k + M`, M = mean of the whole image (symmetric, as above).
    private static func mixTowardImageMean(_ x: UnsafeMutablePointer<Float>, _ count: Int, factor k: Float) {
        var sum: Double = 0
        for i in 0..<count { sum += Double(x[i]) }
        let m = Float(sum / Double(count))
        for i in 0..<count { x[i] = (x[i] - m) * k + m }
    }

    /// `out[y][x] = in[y + dy][x + dx]`, zero where that falls outside.
    static func shift(_ p: UnsafeMutablePointer<Float>, h: Int, w: Int, dy: Int, dx: Int) {
        if dy != 0 {
            // Walk away from the source side so no row is read after being overwritten.
            for i in 0..<h {
                let y = dy > 0 ? i : h - 1 - i
                let src = y + dy
                if src >= 0 && src < h {
                    (p + y * w).update(from: p + src * w, count: w)
                } else {
                    (p + y * w).update(repeating: 0, count: w)
                }
            }
        }
        if dx != 0 {
            for y in 0..<h {
                let row = p + y * w
                if dx > 0 {
                    for x in 0..<w { row[x] = x + dx < w ? row[x + dx] : 0 }
                } else {
                    for x in stride(from: w - 1, through: 0, by: -1) { row[x] = x + dx >= 0 ? row[x + dx] : 0 }
                }
            }
        }
    }

    /// Zeroes the cutout rectangle of image `b` in every channel (a 0/1 mask,
    /// so forward and backward are the same).
    private static func cutout(_ img: UnsafeMutablePointer<Float>, shape: ImageBatchShape,
                               p: DiffAugmentParameters, b: Int) {
        let sy = p.policy.cutoutSize(shape.h), sx = p.policy.cutoutSize(shape.w)
        guard sy > 0 && sx > 0 else { return }
        // The official code clamps each index of the square into the image,
        // so the zeroed span is [clamp(start), clamp(start + size - 1)].
        func span(_ centre: Int, _ size: Int, _ limit: Int) -> ClosedRange<Int> {
            let start = centre - size / 2
            return min(max(start, 0), limit - 1)...min(max(start + size - 1, 0), limit - 1)
        }
        let rows = span(p.cutoutY[b], sy, shape.h), cols = span(p.cutoutX[b], sx, shape.w)
        let plane = shape.h * shape.w
        for ch in 0..<shape.c {
            for y in rows {
                (img + ch * plane + y * shape.w + cols.lowerBound).update(repeating: 0, count: cols.count)
            }
        }
    }
}
