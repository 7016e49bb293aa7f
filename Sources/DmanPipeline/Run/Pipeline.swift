import DmanCore
import Foundation
import GANCore

/// Runs a ``PipelinePlan``: each stage through its library, with the typed
/// options the plan read, one after another.
///
/// A stage that finished is recorded in `ROOT/.pipeline/<stage>.json` with
/// the command that does the same (``PipelinePlan/Step/command``); a rerun
/// skips it when that is unchanged, and reruns it and every later stage
/// when it changed. A rerun stage whose output folder a later stage decided
/// on (audit's quarantine and order) rebuilds it, the old folder moved aside
/// (`force`), since the later stages make those decisions again.
///
///     let pipeline = Pipeline(plan: try PipelinePlan(manifest: boxes, root: out))
///     let outcomes = try pipeline.run { event in render(event) }
public final class Pipeline: @unchecked Sendable {
    public let plan: PipelinePlan
    private let lock = NSLock()
    private var stopRequested = false
    private var trainer: GANTrainer?

    public init(plan: PipelinePlan) { self.plan = plan }

    /// The folder of the stage marks.
    public var marksFolder: URL { plan.layout.root.appendingPathComponent(".pipeline") }

    /// Asks a running train stage to stop after its iteration (it writes a
    /// checkpoint); the pipeline then ends with that stage ``StageOutcome/Status/stopped``
    /// and runs no later stage. Returns whether a train stage is running to stop
    /// that way (otherwise the caller may simply end the process: every stage's
    /// outputs are written atomically and a rerun resumes).
    @discardableResult
    public func requestStop() -> Bool {
        lock.lock(); defer { lock.unlock() }
        stopRequested = true
        trainer?.requestStop()
        return trainer != nil
    }

    /// Runs the plan's stages in order; returns one outcome per stage run or
    /// skipped, and stops at the first stage that fails or is stopped.
    public func run(events: @escaping @Sendable (PipelineEvent) -> Void = { _ in }) throws(PipelineError) -> [StageOutcome] {
        do { try FileManager.default.createDirectory(at: marksFolder, withIntermediateDirectories: true) } catch {
            throw .marks(FileError(path: marksFolder.path, reason: "cannot create: \((error as NSError).localizedDescription)"))
        }
        var outcomes: [StageOutcome] = []
        var invalidated = false
        var redone = false   // an earlier stage ran again with other settings
        for var step in plan.steps {
            let command = step.command
            let mark = marksFolder.appendingPathComponent("\(step.stage.rawValue).json")
            let hadMark = FileManager.default.fileExists(atPath: mark.path)
            if !invalidated, let data = try? Data(contentsOf: mark),
               let previous = try? JSONDecoder().decode([String].self, from: data), previous == command {
                events(.stageSkipped(step.stage))
                outcomes.append(StageOutcome(stage: step.stage, status: .skipped, arguments: command, seconds: 0))
                continue
            }
            invalidated = true
            // Redoing a stage redoes the later ones, so their decisions would be made again:
            // rebuild the output (old folder moved aside) instead of refusing.
            if hadMark || redone, let output = step.output,
               !StageDecisions(try? DatasetFolder(output).load()).isEmpty { step.force() }
            redone = redone || hadMark
            try? FileManager.default.removeItem(at: mark)
            events(.stageStarted(step.stage, command: command))
            let started = Date()
            let result: StageResult
            do { result = try execute(step, events: events) } catch {
                let failure = PipelineError.stageFailed(step.stage, error)
                events(.stageFailed(step.stage, failure))
                throw failure
            }
            var status = StageOutcome.Status.done
            if result.hasItemErrors { status = .errors }
            if case .train(_, true, _) = result { status = .stopped }
            let outcome = StageOutcome(stage: step.stage, status: status, arguments: command,
                                       seconds: Date().timeIntervalSince(started))
            events(.stageFinished(outcome, result))
            outcomes.append(outcome)
            if status == .stopped { break }
            do { try AtomicFile.write(try JSONEncoder().encode(command), to: mark) } catch let e as FileError {
                throw .marks(e)
            } catch {
                throw .marks(FileError(path: mark.path, reason: "cannot write: \(error)"))
            }
        }
        return outcomes
    }

    /// The trainer of the running train stage, so ``requestStop()`` reaches it.
    func attach(_ trainer: GANTrainer?) -> Bool {
        lock.lock(); defer { lock.unlock() }
        self.trainer = trainer
        if stopRequested { trainer?.requestStop() }
        return !stopRequested
    }
}

extension PipelinePlan.Step {
    /// Turns on the stage's rebuild (crop and augment output dataset folders).
    mutating func force() {
        switch options {
        case .crop(var o): o.force = true; options = .crop(o)
        case .augment(var o): o.force = true; options = .augment(o)
        default: break
        }
    }
}
