import DmanCore

/// What `dman augment` makes from each source picture: a grid (the product of
/// discrete variant sets, so the count is known before anything runs) plus
/// optional seeded random draws, then an optional final resize.
///
///     var plan = AugmentPlan()
///     plan.rotations = try AugmentPlan.parseAngles("±5", steps: 1)  // −5, 0, +5
///     plan.unsharp = try UnsharpMask(parsing: "0x1+1+0.05")
///     plan.flip = true
///     plan.size = 64
///     plan.gridVariants.count   // 3 × 2 × 2 − 1 (the identity is the original) = 11
public struct AugmentPlan: Sendable, Equatable, Codable {
    /// Rotation angles in degrees (0 means "not rotated"); empty = no rotation axis.
    public var rotations: [Double] = []
    /// How geometric transforms fill the canvas.
    public var fill: GeometryFill = .edge
    /// Unsharp mask: an off/on axis, or always on with ``unsharpOnly``.
    public var unsharp: UnsharpMask?
    public var unsharpOnly = false
    /// Adds horizontal mirrors (off/on axis).
    public var flip = false
    /// Zoom factors (1 = unchanged); empty = no zoom axis.
    public var scales: [Double] = []
    /// Shift in pixels: adds none, right, left, down, up.
    public var shift: Double?
    /// Colour jitter: each output draws a change in ±brightness / ±saturation percent.
    public var brightness: Double?
    public var saturation: Double?
    /// Random draws per source, from the ranges the grid spans.
    public var randomDraws = 0
    /// Only the random draws, no grid.
    public var randomOnly = false
    /// Master seed; each item's generator derives from (seed, output id, stage).
    public var seed: UInt64 = 0
    /// Final size of the longer side (square pictures become size×size).
    public var size: Int?
    /// Also write each source itself (resized) as `<stem>_orig.png`.
    public var includeOriginals = true
    /// Who computes pixels (native kernels where they exist, or ImageMagick throughout).
    public var engine: Rendering.Engine = .automatic

    public init() {}

    /// Checks every value once, before any work.
    public func validate() throws(AugmentError) {
        for a in rotations { try Rotate(angle: a, fill: fill).validate() }
        for s in scales { try Scale(factor: s, fill: fill).validate() }
        if let shift { try Shift(x: shift, y: shift, fill: fill).validate()
            guard shift > 0 else { throw .invalidParameter(what: "shift", detail: "\(shift) is not a positive number of pixels") } }
        try unsharp?.validate()
        if unsharpOnly && unsharp == nil { throw .invalidParameter(what: "unsharpOnly", detail: "needs an unsharp mask") }
        if let b = brightness { try Brightness(percent: b).validate() }
        if let s = saturation { try Saturation(percent: s).validate() }
        guard randomDraws >= 0, randomDraws <= 10_000 else {
            throw .invalidParameter(what: "randomDraws", detail: "\(randomDraws) is outside 0…10000")
        }
        if randomOnly && randomDraws == 0 { throw .invalidParameter(what: "randomOnly", detail: "needs randomDraws > 0") }
        if let size { try Resize(width: size, height: size).validate() }
        var seen = Set<String>()
        for v in gridVariants where !seen.insert(v.name).inserted {
            throw .invalidParameter(what: "plan", detail: "two variants are both named \(v.name); remove repeated values")
        }
    }

    /// The grid's variants (without the identity, which is the original), in a fixed order.
    public var gridVariants: [Variant] {
        if randomOnly { return [] }
        let flips: [TransformStep?] = flip ? [nil, .flip(Flip())] : [nil]
        let angles: [TransformStep?] = rotations.isEmpty ? [nil]
            : rotations.map { $0 == 0 ? nil : .rotate(Rotate(angle: $0, fill: fill)) }
        let zooms: [TransformStep?] = scales.isEmpty ? [nil]
            : scales.map { $0 == 1 ? nil : .scale(Scale(factor: $0, fill: fill)) }
        var shifts: [TransformStep?] = [nil]
        if let s = shift {
            shifts += [(s, 0.0), (-s, 0), (0, s), (0, -s)].map { .shift(Shift(x: $0.0, y: $0.1, fill: fill)) }
        }
        let sharp: [TransformStep?] = unsharp.map { u in unsharpOnly ? [.unsharp(u)] : [nil, .unsharp(u)] } ?? [nil]
        var out: [Variant] = []
        for f in flips { for a in angles { for z in zooms { for t in shifts { for u in sharp {
            let steps = [f, a, z, t, u].compactMap { $0 }
            if steps.isEmpty { continue }
            out.append(Variant(name: steps.map(\.token).joined(separator: "_"), steps: steps))
        } } } } }
        return out
    }

    /// Outputs per source, originals excluded.
    public var variantsPerSource: Int { gridVariants.count + randomDraws }

    /// Name of the `k`-th random draw (`rand00` …), padded to the draw count's width.
    public func randomName(_ k: Int) -> String {
        let width = String(max(randomDraws - 1, 9)).count
        let digits = String(k)
        return "rand" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The ranges random draws and colour jitter sample from.
    public var ranges: RandomRanges {
        RandomRanges(flip: flip,
                     angle: rotations.isEmpty ? nil : rotations.min()!...rotations.max()!,
                     scale: scales.isEmpty ? nil : scales.min()!...scales.max()!,
                     shift: shift, fill: fill, unsharp: unsharp,
                     unsharpProbability: unsharpOnly ? 1 : 0.5,
                     brightness: brightness, saturation: saturation)
    }
}

/// One planned output per source: a name and the steps that make it.
public struct Variant: Sendable, Equatable, Codable {
    /// Suffix of the output name (`<stem>_<name>.png`).
    public var name: String
    public var steps: [TransformStep]

    public init(name: String, steps: [TransformStep]) {
        self.name = name
        self.steps = steps
    }
}
