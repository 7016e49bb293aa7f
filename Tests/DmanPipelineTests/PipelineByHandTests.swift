import Augment
import Crop
import DatasetAudit
import DmanCore
import DmanPipeline
import DmanTestSupport
import Foundation
import Testing

/// The pipeline promises what running each stage by hand with the same
/// options makes: the same crops, the same augmented images, the same
/// quarantine and order.
@Suite struct PipelineByHandTests {
    @Test func pipelineOutputsEqualTheStagesRunByHand() throws {
        let f = try PipelineFixture()
        _ = try f.run(try f.config(PipelineFixture.small), stages: [.crop, .augment, .audit])
        let piped = PipelineLayout(root: f.tmp.path("out"))

        let hand = f.tmp.path("hand")
        var crop = CropOptions()
        crop.size = 32
        crop.jobs = 1
        _ = try Cropper(manifest: f.manifest, output: hand.appendingPathComponent("crops"), options: crop).run()
        var plan = AugmentPlan()
        plan.rotations = try AugmentPlan.parseAngles("±4")
        plan.unsharp = try UnsharpMask(parsing: "0x1+1+0.05")
        plan.flip = true
        plan.size = 32
        var augment = AugmentOptions(input: hand.appendingPathComponent("crops"), output: hand.appendingPathComponent("augmented"),
                                     plan: plan)
        augment.jobs = 1
        _ = try Augmenter.run(augment)
        var session = AuditSession(folder: hand.appendingPathComponent("augmented"))
        session.dedupe = true
        session.order = .init(batch: 4, seed: 0)
        _ = try session.run()

        #expect(try recordHashes(piped.crops) == recordHashes(hand.appendingPathComponent("crops")))
        #expect(try recordHashes(piped.augmented) == recordHashes(hand.appendingPathComponent("augmented")))
        let a = try DatasetFolder(piped.augmented).load(), b = try DatasetFolder(hand.appendingPathComponent("augmented")).load()
        #expect(a.order?.ids == b.order?.ids && a.order != nil)
        #expect(a.quarantine?.map(\.record.id) == b.quarantine?.map(\.record.id))
    }
}
