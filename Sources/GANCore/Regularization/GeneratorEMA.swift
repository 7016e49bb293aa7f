/// The exponential moving average of a generator's weights (`--ema`) and a
/// second generator that samples with the averaged weights.
///
/// Updated once per iteration, after the iteration's last G step. BatchNorm
/// running statistics are not averaged: the sampling copy takes the live
/// generator's buffers and the averaged parameters.
public final class GeneratorEMA: @unchecked Sendable {
    public var average: WeightEMA
    private let live: DCGANGenerator
    /// Generator holding the averaged weights after ``refresh()``.
    public let sampler: DCGANGenerator

    public init(generator: DCGANGenerator, decay: Float, warmUp: Bool = true) {
        live = generator
        average = WeightEMA(copying: generator.network.parameters.map(\.value.array), decay: decay, warmUp: warmUp)
        sampler = DCGANGenerator(config: generator.config, workspace: Workspace())
    }

    /// Folds the live weights into the average.
    public func update() {
        average.update(from: live.network.parameters.map { UnsafeBufferPointer(start: $0.value.data, count: $0.value.count) })
    }

    /// Copies the live buffers and the averaged parameters into ``sampler``.
    @discardableResult
    public func refresh() -> DCGANGenerator {
        for ((_, dst), (_, src)) in zip(sampler.network.stateTensors, live.network.stateTensors) { dst.copy(from: src) }
        average.copy(into: sampler.network.parameters.map { UnsafeMutableBufferPointer(start: $0.value.data, count: $0.value.count) })
        return sampler
    }
}
