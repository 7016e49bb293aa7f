import Augment
import DmanCore
import DmanTestSupport
import Testing

/// Sharing intermediates between one source's outputs must not change a byte.
@Suite struct RenderCacheTests {
    @Test func sharedPrefixesGiveTheSameBytesAsRenderingAlone() throws {
        let picture = SyntheticImage.textured(width: 56, height: 56, seed: 9)
        let sharpen = TransformStep.unsharp(UnsharpMask(radius: 0, sigma: 1, gain: 1, threshold: 0.05))
        let small = TransformStep.resize(Resize(width: 32, height: 32))
        var chains: [[TransformStep]] = []
        for flip in [false, true] {
            for angle in [-5.0, 0, 5, 5.0000001] {
                for fill in [GeometryFill.edge, .mirror] {
                    let head: [TransformStep] = (flip ? [.flip(Flip())] : []) + [.rotate(Rotate(angle: angle, fill: fill))]
                    chains += [head + [small], head + [sharpen, small], head + [sharpen], head,
                               head + [.scale(Scale(factor: 1.05, fill: fill)), sharpen, small]]
                }
            }
        }
        // Twice through, in two orders: hits come from earlier outputs either way.
        let cache = RenderCache(capacity: 2), reversedCache = RenderCache()
        for steps in chains + chains {
            #expect(try Rendering.png(of: steps, on: picture, cache: cache) == Rendering.png(of: steps, on: picture), "\(steps)")
        }
        for steps in chains.reversed() {
            #expect(try Rendering.png(of: steps, on: picture, cache: reversedCache) == Rendering.png(of: steps, on: picture))
        }
        #expect(cache.count == cache.capacity && reversedCache.count == 2, "holds only the most recent pictures")
    }
}
