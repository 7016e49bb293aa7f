import ArgumentParser
import DmanCore
import DmanPipeline
import Foundation
import GANCore

/// Runs a planned pipeline for `dman pipeline` and `dman demo`: renders its
/// events as the stage commands render theirs, stops training on Ctrl-C, and
/// ends with the table of counts (or the `--json` document).
final class PipelineRenderer: @unchecked Sendable {
    let console: Console
    /// The folder the audit stage works on, named in its warnings.
    let audited: String
    private let training: TrainingRenderer

    init(console: Console, audited: String) {
        self.console = console
        self.audited = audited
        training = TrainingRenderer(console: console)
    }

    /// Runs `plan`; throws exit 2 when a stage finished with per-item errors, 130 when interrupted.
    static func run(_ plan: PipelinePlan, console: Console) throws {
        let pipeline = Pipeline(plan: plan)
        let renderer = PipelineRenderer(console: console, audited: plan.layout.augmented.path)
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler {
            // Training stops after its iteration with a checkpoint; any other stage ends here, as its command would.
            guard pipeline.requestStop() else { console.finishProgress(); exit(130) }
            console.warning("interrupted: stopping after this iteration and writing a checkpoint")
        }
        interrupt.resume()
        defer { interrupt.cancel() }
        let outcomes = try pipeline.run { renderer.handle($0) }
        renderer.report(plan: plan, outcomes: outcomes)
        if outcomes.contains(where: { $0.status == .stopped }) { throw ExitCode(130) }
        if outcomes.contains(where: { $0.status == .errors }) { throw DmanExit.finishedWithErrors }
    }

    func handle(_ event: PipelineEvent) {
        switch event {
        case .stageStarted(_, let command):
            console.say("▶ dman \(command.map(Self.quoted).joined(separator: " "))")
        case .stageSkipped(let stage):
            console.say("· \(stage.rawValue): done earlier, skipped")
        case .progress(_, let p):
            console.progressHandler(p)
        case .audit(let e):
            AuditCommand.render(e, dataset: audited, console: console)
        case .training(let e):
            training.handle(e)
        case .stageFinished(_, let result):
            console.finishProgress()
            render(result)
        case .stageFailed:
            console.finishProgress()
        }
    }

    private func render(_ result: StageResult) {
        switch result {
        case .crop(let summary): console.say(summary.line)
        case .augment(let summary): AugmentCommand.render(summary, console: console)
        case .audit(.audited(let r)): for line in r.report.summaryLines() { console.say(line) }
        case .audit(.restored(let files, let dryRun)):
            console.say("\(dryRun ? "would restore" : "restored") \(files.count) images from quarantine/")
        case .audit(.hashedShard(let measured, let cache)): console.say("hashed \(measured) images into \(cache.path)")
        case .train(let step, let stopped, let run): console.say("\(stopped ? "stopped" : "trained") at step \(step): \(run.path)")
        case .eval(let rows):
            for line in EvalCommand.table(rows) { console.say(line) }
            for r in rows where r.modes?.likelyCollapse == true { console.warning("step \(r.step): \(r.modes!.message)") }
        case .generate(let g):
            console.say("wrote \(g.images.count) images and \(g.grid.path) from \(g.checkpoint.lastPathComponent)")
        case .export(let files, let folder, let layout):
            console.say("\(files) images written to \(folder.path) (\(layout.rawValue) layout)")
        }
    }

    /// The final table (or JSON) of counts per stage.
    func report(plan: PipelinePlan, outcomes: [StageOutcome]) {
        let rows = plan.layout.summaryRows(manifest: plan.manifest)
        struct Summary: Encodable {
            var stages: [StageOutcome]
            var counts: [String: String]
        }
        console.emitJSON(Summary(stages: outcomes, counts: Dictionary(rows, uniquingKeysWith: { a, _ in a })))
        let width = max(12, rows.map(\.0.count).max() ?? 0)
        console.say("")
        for (name, value) in rows {
            console.say(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
    }

    static func quoted(_ s: String) -> String {
        s.contains(" ") || s.isEmpty ? "'\(s)'" : s
    }
}
