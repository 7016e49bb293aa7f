import DmanCore

/// The random draws of one DiffAugment call, sampled apart from applying them.
///
/// Sample once per batch, then pass the same value to
/// ``DiffAugment/forward(_:shape:parameters:)`` and
/// ``DiffAugment/backward(_:shape:parameters:)``, so the gradient belongs to
/// the augmentation that was applied. Arrays of an op not in the policy are
/// empty. Index `b` is image `b` of the batch.
public struct DiffAugmentParameters: Sendable, Equatable, Codable {
    /// The policy these parameters were drawn for.
    public var policy: DiffAugmentPolicy
    /// The batch shape they were drawn for.
    public var shape: ImageBatchShape
    /// Added to every value: `U(-0.5, 0.5)`.
    public var brightness: [Float] = []
    /// Factor around the per-pixel channel mean: `U(0, 2)`.
    public var saturation: [Float] = []
    /// Factor around the per-image mean: `U(0.5, 1.5)`.
    public var contrast: [Float] = []
    /// Row shift: output row `y` reads input row `y + shiftY` (official `translation_x`).
    public var shiftY: [Int] = []
    /// Column shift: output column `x` reads input column `x + shiftX` (official `translation_y`).
    public var shiftX: [Int] = []
    /// Cutout centre row in `0 ..< h + (1 - size % 2)` (official `offset_x`).
    public var cutoutY: [Int] = []
    /// Cutout centre column in `0 ..< w + (1 - size % 2)` (official `offset_y`).
    public var cutoutX: [Int] = []
    /// Images left unchanged (ADA-style probability below 1); empty = none.
    public var skipped: [Bool] = []

    /// Identity parameters (every op a no-op) for `policy` and `shape`.
    public init(policy: DiffAugmentPolicy, shape: ImageBatchShape) {
        self.policy = policy
        self.shape = shape
    }

    /// Draws fresh parameters: per op, one value per image, in the official
    /// order (brightness, saturation, contrast, row shift, column shift,
    /// cutout row, cutout column).
    public static func sample(policy: DiffAugmentPolicy, shape: ImageBatchShape,
                              using rng: inout SplitMix64) -> DiffAugmentParameters {
        var p = DiffAugmentParameters(policy: policy, shape: shape)
        p.resample(using: &rng)
        return p
    }

    /// Redraws in place, reusing the arrays' storage (no allocation once the
    /// batch size is stable).
    public mutating func resample(using rng: inout SplitMix64) {
        let n = shape.n
        func uniform(_ a: inout [Float], _ lo: Float, _ width: Float) {
            a.removeAll(keepingCapacity: true)
            for _ in 0..<n { a.append(lo + width * Float(rng.nextUnitDouble())) }
        }
        func integers(_ a: inout [Int], _ lo: Int, _ hiExclusive: Int) {
            a.removeAll(keepingCapacity: true)
            let range = UInt64(max(1, hiExclusive - lo))
            for _ in 0..<n { a.append(lo + Int(rng.next() % range)) }
        }
        let has = Set(policy.ops)
        if has.contains(.color) {
            uniform(&brightness, -0.5, 1)
            uniform(&saturation, 0, 2)
            uniform(&contrast, 0.5, 1)
        } else {
            brightness = []; saturation = []; contrast = []
        }
        if has.contains(.translation) {
            let sy = policy.maxShift(shape.h), sx = policy.maxShift(shape.w)
            integers(&shiftY, -sy, sy + 1)
            integers(&shiftX, -sx, sx + 1)
        } else {
            shiftY = []; shiftX = []
        }
        if has.contains(.cutout) {
            let cy = policy.cutoutSize(shape.h), cx = policy.cutoutSize(shape.w)
            integers(&cutoutY, 0, shape.h + (1 - cy % 2))
            integers(&cutoutX, 0, shape.w + (1 - cx % 2))
        } else {
            cutoutY = []; cutoutX = []
        }
    }

    /// Leaves each image unaugmented with probability `1 − probability`, one
    /// draw per image after the op draws; probability ≥ 1 draws nothing (so the
    /// stream equals plain DiffAugment's).
    public mutating func skip(probability: Double, using rng: inout SplitMix64) {
        skipped.removeAll(keepingCapacity: true)
        guard probability < 1 else { return }
        for _ in 0..<shape.n { skipped.append(rng.nextUnitDouble() >= probability) }
    }

    /// Whether image `b` is left unchanged.
    @inline(__always) func isSkipped(_ b: Int) -> Bool { !skipped.isEmpty && skipped[b] }

    /// Whether every array that the policy uses holds one entry per image.
    public var isConsistent: Bool {
        let n = shape.n
        if !skipped.isEmpty && skipped.count != n { return false }
        for op in policy.ops {
            switch op {
            case .color:
                if brightness.count != n || saturation.count != n || contrast.count != n { return false }
            case .translation:
                if shiftY.count != n || shiftX.count != n { return false }
            case .cutout:
                if cutoutY.count != n || cutoutX.count != n { return false }
            }
        }
        return true
    }
}
