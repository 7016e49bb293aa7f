import DmanCore

/// Where random parameters are drawn from. Sampling only produces
/// parameters; applying them is ``Rendering``'s job, so a draw can be
/// recorded and replayed exactly.
public struct RandomRanges: Sendable, Equatable, Codable {
    public var flip: Bool
    public var angle: ClosedRange<Double>?
    public var scale: ClosedRange<Double>?
    public var shift: Double?
    public var fill: GeometryFill
    public var unsharp: UnsharpMask?
    public var unsharpProbability: Double
    public var brightness: Double?
    public var saturation: Double?

    public init(flip: Bool = false, angle: ClosedRange<Double>? = nil, scale: ClosedRange<Double>? = nil,
                shift: Double? = nil, fill: GeometryFill = .edge, unsharp: UnsharpMask? = nil,
                unsharpProbability: Double = 0.5, brightness: Double? = nil, saturation: Double? = nil) {
        self.flip = flip
        self.angle = angle
        self.scale = scale
        self.shift = shift
        self.fill = fill
        self.unsharp = unsharp
        self.unsharpProbability = unsharpProbability
        self.brightness = brightness
        self.saturation = saturation
    }

    /// One random variant's steps (flip, geometry, unsharp, then colour), in plan order.
    /// Every value is rounded to 0.001 so records read cleanly and replay exactly.
    public func sample(using rng: inout SplitMix64) -> [TransformStep] {
        var steps: [TransformStep] = []
        if flip, rng.nextUnitDouble() < 0.5 { steps.append(.flip(Flip())) }
        if let angle {
            let a = Self.uniform(angle, &rng)
            if a != 0 { steps.append(.rotate(Rotate(angle: a, fill: fill))) }
        }
        if let scale {
            let s = Self.uniform(scale, &rng)
            if s != 1 { steps.append(.scale(Scale(factor: s, fill: fill))) }
        }
        if let shift {
            let x = Self.uniform(-shift...shift, &rng), y = Self.uniform(-shift...shift, &rng)
            if x != 0 || y != 0 { steps.append(.shift(Shift(x: x, y: y, fill: fill))) }
        }
        if let unsharp, rng.nextUnitDouble() < unsharpProbability { steps.append(.unsharp(unsharp)) }
        steps += jitter(using: &rng)
        return steps
    }

    /// Colour jitter alone (what every grid variant gets when enabled).
    public func jitter(using rng: inout SplitMix64) -> [TransformStep] {
        var steps: [TransformStep] = []
        if let b = brightness { steps.append(.brightness(Brightness(percent: Self.uniform(-b...b, &rng)))) }
        if let s = saturation { steps.append(.saturation(Saturation(percent: Self.uniform(-s...s, &rng)))) }
        return steps
    }

    /// Whether any colour jitter is enabled.
    public var hasJitter: Bool { brightness != nil || saturation != nil }

    static func uniform(_ r: ClosedRange<Double>, _ rng: inout SplitMix64) -> Double {
        let v = r.lowerBound + (r.upperBound - r.lowerBound) * rng.nextUnitDouble()
        let rounded = (v * 1000).rounded() / 1000
        return rounded == 0 ? 0 : rounded  // no -0 in records
    }
}
