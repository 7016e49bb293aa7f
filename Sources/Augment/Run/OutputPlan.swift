import DmanCore
import Foundation

/// One file `dman augment` will write: its record id and its steps.
public struct PlannedOutput: Sendable, Equatable {
    /// Record id and file stem: `<parent stem>_<variant>`.
    public var id: String
    /// The variant name (`orig` for the source itself).
    public var variant: String
    /// Every step applied to the source, final resize included.
    public var steps: [TransformStep]
    /// Whether random draws made any parameter (then the record carries the seed).
    public var usedSeed: Bool

    public var file: String { id + ".png" }
}

extension AugmentPlan {
    /// The outputs for one source of `width`×`height`, in a fixed order:
    /// original, grid variants, random draws. Pure: the same inputs give the
    /// same list on any thread.
    public func outputs(stem: String, parentID: String, width: Int, height: Int) -> [PlannedOutput] {
        let resize = finalResize(width: width, height: height).map { [TransformStep.resize($0)] } ?? []
        var out: [PlannedOutput] = []
        if includeOriginals {
            out.append(PlannedOutput(id: stem + "_orig", variant: "orig", steps: resize, usedSeed: false))
        }
        let ranges = self.ranges
        for v in gridVariants {
            let id = stem + "_" + v.name
            var steps = v.steps
            if ranges.hasJitter {
                var rng = SplitMix64.derived(seed: seed, item: parentID + "/" + v.name, stage: "augment.jitter")
                steps += ranges.jitter(using: &rng)
            }
            out.append(PlannedOutput(id: id, variant: v.name, steps: steps + resize, usedSeed: ranges.hasJitter))
        }
        for k in 0..<randomDraws {
            let name = randomName(k)
            var rng = SplitMix64.derived(seed: seed, item: parentID + "/" + name, stage: "augment")
            out.append(PlannedOutput(id: stem + "_" + name, variant: name,
                                     steps: ranges.sample(using: &rng) + resize, usedSeed: true))
        }
        return out
    }

    /// The final resize for a source size: the longer side becomes ``size``,
    /// the aspect ratio is kept; `nil` when no size is set or nothing changes.
    public func finalResize(width: Int, height: Int) -> Resize? {
        guard let size else { return nil }
        let w: Int, h: Int
        if width >= height {
            w = size
            h = max(1, Int((Double(height) * Double(size) / Double(width)).rounded()))
        } else {
            h = size
            w = max(1, Int((Double(width) * Double(size) / Double(height)).rounded()))
        }
        return (w == width && h == height) ? nil : Resize(width: w, height: h)
    }

    /// `212 sources × 15 variants = 3180 (+212 originals)`.
    public func countLine(sources: Int) -> String {
        var line = "\(sources) sources × \(variantsPerSource) variants = \(sources * variantsPerSource)"
        if includeOriginals { line += " (+\(sources) originals)" }
        return line
    }
}
