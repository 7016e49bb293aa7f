import DmanCore
import DmanPipeline
import DmanTestSupport
import Foundation
import Testing

/// A tiny pipeline end to end, through the libraries: every stage runs in
/// order and leaves its outputs; a rerun with the same settings skips every
/// stage; a changed stage reruns with every later one.
@Suite struct PipelineRunTests {
    @Test func tinyPipelineRunsEveryStageThenSkipsThemAll() throws {
        let f = try PipelineFixture()
        let config = try f.config(PipelineFixture.small + "\n[export]\nlayout = 'imagefolder'\n")
        let first = try f.run(config)
        #expect(first.events.started == PipelineStage.allCases)
        #expect(first.outcomes.map(\.status) == Array(repeating: .done, count: 7), "\(first.outcomes)")
        let layout = PipelineLayout(root: f.tmp.path("out"))
        #expect(try DatasetFolder(layout.augmented).load().records.allSatisfy { $0.width == 32 && $0.height == 32 })
        #expect(try DatasetFolder(layout.augmented).load().order != nil, "audit's default order was written")
        #expect(FileManager.default.fileExists(atPath: layout.report.path))
        #expect(FileManager.default.fileExists(atPath: layout.generated.appendingPathComponent("grid.png").path))
        let evalRows = first.events.compactMap { e -> [Double]? in
            if case .stageFinished(_, .eval(let rows)) = e { return rows.map(\.swdAverage) } else { return nil }
        }
        #expect(evalRows.count == 1 && evalRows[0].count == 1 && evalRows[0][0].isFinite)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: layout.exported.path)).isEmpty)
        for stage in PipelineStage.allCases {
            #expect(FileManager.default.fileExists(atPath: f.tmp.path("out/.pipeline/\(stage.rawValue).json").path))
        }

        let again = try f.run(config)
        #expect(again.events.started.isEmpty)
        #expect(again.events.skipped == PipelineStage.allCases)
        #expect(again.outcomes.allSatisfy { $0.status == .skipped })
    }

    @Test func changedStageRerunsItAndEveryLaterStageRebuildingDecidedFolders() throws {
        let f = try PipelineFixture()
        let stages: [PipelineStage] = [.crop, .augment, .audit]
        _ = try f.run(try f.config(PipelineFixture.small), stages: stages)
        let layout = PipelineLayout(root: f.tmp.path("out"))
        #expect(!StageDecisions(try DatasetFolder(layout.augmented).load()).isEmpty, "audit decided on augmented/")

        let changed = try f.run(try f.config(PipelineFixture.small.replacingOccurrences(of: "±4", with: "±3")), stages: stages)
        #expect(changed.events.skipped == [.crop])
        #expect(changed.events.started == [.augment, .audit])
        let aside = f.tmp.path("out/augmented.before-rebuild-1")
        #expect(FileManager.default.fileExists(atPath: aside.path), "the decided folder was moved aside, not refused")
        let angles = try DatasetFolder(layout.augmented).load().records.flatMap { r in
            r.provenance.transforms.compactMap { t -> Double? in
                guard t.name == "rotate", case .object(let o) = t.parameters, case .number(let a)? = o["angle"] else { return nil }
                return abs(a)
            }
        }
        #expect(Set(angles) == [3], "the rebuilt folder holds the new plan's rotations: \(Set(angles))")
    }
}

/// Stopping a pipeline during training: the run keeps a checkpoint, the stage
/// ends `stopped` without a mark, and no later stage runs.
@Suite struct PipelineStopTests {
    @Test func stopDuringTrainingEndsTheRunThereWithoutAMark() throws {
        let f = try PipelineFixture(count: 4)
        let config = try f.config(PipelineFixture.small.replacingOccurrences(of: "iterations = 2", with: "iterations = 500"))
        let plan = try PipelinePlan(manifest: f.manifest, root: f.tmp.path("out"), config: config, jobs: 2)
        let pipeline = Pipeline(plan: plan)
        let log = EventLog()
        let outcomes = try pipeline.run { event in
            log.append(event)
            if case .training(.iteration) = event { pipeline.requestStop() }
        }
        #expect(outcomes.map(\.stage) == [.crop, .augment, .audit, .train])
        #expect(outcomes.last?.status == .stopped)
        #expect(!FileManager.default.fileExists(atPath: f.tmp.path("out/.pipeline/train.json").path))
        #expect(FileManager.default.fileExists(atPath: f.tmp.path("out/.pipeline/audit.json").path))
        let checkpoints = try FileManager.default.contentsOfDirectory(atPath: plan.layout.run.appendingPathComponent("checkpoints").path)
        #expect(!checkpoints.isEmpty, "the stopped run kept a checkpoint to resume from")
        #expect(!log.events.started.contains(.eval))
    }
}
