import DmanCore
import Foundation

/// A textured, never-black background: a two-colour gradient with soft
/// waves and grain, or a hazy "landscape" with a horizon.
struct DemoBackground {
    var top: (Float, Float, Float)
    var bottom: (Float, Float, Float)
    var waves: (Double, Double, Double)
    var horizon: Double?
    var grainSeed: UInt64

    init(using rng: inout SplitMix64) {
        func light() -> (Float, Float, Float) {
            Mascot.hsv(6 * rng.nextUnitDouble(), 0.15 + 0.45 * rng.nextUnitDouble(), 0.55 + 0.4 * rng.nextUnitDouble())
        }
        top = light()
        bottom = light()
        waves = (0.01 + 0.05 * rng.nextUnitDouble(), 0.01 + 0.05 * rng.nextUnitDouble(), 6 * rng.nextUnitDouble())
        horizon = rng.nextUnitDouble() < 0.4 ? 0.45 + 0.3 * rng.nextUnitDouble() : nil
        grainSeed = rng.next()
    }

    func paint(_ canvas: inout Canvas) {
        let h = Double(canvas.height)
        var grain = SplitMix64(seed: grainSeed)
        let ground = Mascot.mix(bottom, (90, 120, 70), 0.5)
        canvas.paint { x, y in
            let t = Float(Double(y) / h)
            var c = Mascot.mix(top, bottom, t)
            if let horizon, Double(y) > horizon * h + 6 * sin(Double(x) * waves.0 + waves.2) {
                c = Mascot.mix(c, ground, 0.7)
            }
            let wave = Float(12 * sin(Double(x) * waves.0 + Double(y) * waves.1 + waves.2))
            let n = Float(grain.next() % 9) - 4
            return (max(30, c.0 + wave + n), max(30, c.1 + wave * 0.8 + n), max(30, c.2 + wave * 0.6 + n))
        }
    }
}
