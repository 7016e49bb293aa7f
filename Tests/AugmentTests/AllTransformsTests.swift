import Augment
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// One row per transform: how to draw its parameters from a generator.
struct TransformRow: CustomStringConvertible, Sendable {
    let name: String
    let sample: @Sendable (inout SplitMix64) -> TransformStep
    var description: String { name }
}

/// Every transform, with a sampler over a realistic range (the `aug_definitions` table).
let allTransformRows: [TransformRow] = [
    TransformRow(name: Flip.name) { _ in .flip(Flip()) },
    TransformRow(name: Rotate.name) { rng in
        .rotate(Rotate(angle: RandomRanges(angle: -10...10).sampleAngle(&rng), fill: GeometryFill.allCases[Int(rng.next() % 3)]))
    },
    TransformRow(name: Scale.name) { rng in .scale(Scale(factor: 0.9 + 0.2 * rng.nextUnitDouble(), fill: .mirror)) },
    TransformRow(name: Shift.name) { rng in .shift(Shift(x: 6 * rng.nextUnitDouble() - 3, y: 6 * rng.nextUnitDouble() - 3)) },
    TransformRow(name: UnsharpMask.name) { rng in
        .unsharp(UnsharpMask(radius: 0, sigma: 0.5 + rng.nextUnitDouble(), gain: 0.5 + rng.nextUnitDouble(), threshold: 0.05))
    },
    TransformRow(name: Brightness.name) { rng in .brightness(Brightness(percent: 1 + 2 * rng.nextUnitDouble())) },
    TransformRow(name: Saturation.name) { rng in .saturation(Saturation(percent: -1 - 2 * rng.nextUnitDouble())) },
    TransformRow(name: Resize.name) { rng in .resize(Resize(width: 24 + Int(rng.next() % 16), height: 32)) },
]

extension RandomRanges {
    /// The angle a one-axis range draws (exercises the library's own sampler).
    func sampleAngle(_ rng: inout SplitMix64) -> Double {
        if case .rotate(let r)? = sample(using: &rng).first { return r.angle }
        return 0
    }
}

@Suite struct AllTransformsTests {
    static let picture = SyntheticImage.textured(width: 48, height: 48, seed: 42)

    @Test func tableCoversEveryTransform() {
        #expect(Set(allTransformRows.map(\.name)) == Set(TransformStep.allNames))
        #expect(allTransformRows.count == TransformStep.allNames.count)
    }

    @Test(arguments: allTransformRows)
    func sameSeedGivesSameBytes(row: TransformRow) throws {
        var a = SplitMix64.derived(seed: 7, item: "img0/rand0", stage: "augment")
        var b = SplitMix64.derived(seed: 7, item: "img0/rand0", stage: "augment")
        let sa = row.sample(&a), sb = row.sample(&b)
        #expect(sa == sb)
        let pa = try Rendering.png(of: [sa], on: Self.picture), pb = try Rendering.png(of: [sb], on: Self.picture)
        #expect(pa == pb)
        // And the transform did something (no transform in the table is the identity here).
        #expect(try Rendering.image(of: [sa], on: Self.picture) != Self.picture)
    }

    @Test(arguments: allTransformRows)
    func parametersRoundTripThroughJSON(row: TransformRow) throws {
        var rng = SplitMix64.derived(seed: 3, item: row.name, stage: "test")
        let step = row.sample(&rng)
        let data = try DatasetFolder.encoder.encode(step.applied)
        let decoded = try JSONDecoder().decode(AppliedTransform.self, from: data)
        #expect(decoded.name == row.name)
        #expect(decoded.stage == "augment")
        #expect(try TransformStep(decoded) == step)
        #expect(try JSONDecoder().decode(TransformStep.self, from: data) == step)
    }

    @Test(arguments: allTransformRows)
    func replayFromRecordGivesSameBytes(row: TransformRow) throws {
        var rng = SplitMix64.derived(seed: 11, item: row.name, stage: "test")
        let steps = [row.sample(&rng), .resize(Resize(width: 40, height: 40))]
        let original = try Rendering.png(of: steps, on: Self.picture)
        let inherited = AppliedTransform(name: "crop", stage: "crop", parameters: .object(["pad": .string("mirror")]))
        let parent = DatasetRecord(id: "p", file: "p.png", sha256: "x", width: 48, height: 48, family: "fam",
                                   provenance: Provenance(source: "src.png", transforms: [inherited]))
        var record = parent
        record.id = "p_v"
        record.parent = "p"
        record.provenance.transforms += steps.map(\.applied)
        // Only the record's JSON travels: decode it as a stranger would.
        let json = try DatasetFolder.encoder.encode(record)
        let restored = try JSONDecoder().decode(DatasetRecord.self, from: json)
        let replayed = try Replay.steps(of: restored, parent: parent)
        #expect(replayed == steps)
        #expect(try Rendering.png(of: replayed, on: Self.picture) == original)
    }

    @Test func outOfRangeParametersAreRefusedWhenDecoded() {
        let bad = AppliedTransform(name: "rotate", stage: "augment", parameters: .object(["angle": .number(90), "fill": .string("edge")]))
        #expect(throws: AugmentError.self) { try TransformStep(bad) }
        let unknown = AppliedTransform(name: "swirl", stage: "augment", parameters: .object([:]))
        #expect(throws: AugmentError.self) { try TransformStep(unknown) }
        let missing = AppliedTransform(name: "unsharp", stage: "augment", parameters: .object(["sigma": .number(1)]))
        #expect(throws: AugmentError.self) { try TransformStep(missing) }
    }
}
