import Augment
import Crop
import DatasetAudit
import DmanCore
import Foundation
import GANCore

extension Pipeline {
    /// Runs one stage through its library.
    func execute(_ step: PipelinePlan.Step, events: @escaping @Sendable (PipelineEvent) -> Void) throws -> StageResult {
        let stage = step.stage
        let progress: ProgressHandler = { events(.progress(stage, $0)) }
        switch step.options {
        case .crop(let options):
            return .crop(try Cropper(manifest: step.input, output: step.output!, options: options).run(progress: progress))
        case .augment(let options):
            return .augment(try Augmenter.run(options, progress: progress))
        case .audit(let session):
            return .audit(try session.run { events(.audit($0)) })
        case .train(let settings):
            return try train(settings, dataset: step.input, run: step.output!, events: events)
        case .eval(let settings):
            return .eval(try RunEvaluation.evaluate(run: step.input, dataset: step.dataset!, settings: settings,
                                                    hash: ModeHash.phash, threshold: ModeHash.threshold,
                                                    threads: step.jobs, progress: progress))
        case .generate(let settings):
            return .generate(try ImageGeneration.generate(checkpoint: step.input, count: settings.count, seed: settings.seed,
                                                          outputFolder: step.output!, threads: step.jobs))
        case .export(let settings):
            let files = try DatasetExport.export(step.input, to: step.output!, layout: settings.layout, name: settings.name)
            return .export(files: files, folder: step.output!, layout: settings.layout)
        }
    }

    private func train(_ settings: TrainSettings, dataset: URL, run: URL,
                       events: @escaping @Sendable (PipelineEvent) -> Void) throws -> StageResult {
        let trainer = try settings.trainer(dataset: dataset, runFolder: run)
        if settings.modeCheck { trainer.modeHash = ModeHash.phash; trainer.modeThreshold = ModeHash.threshold }
        defer { _ = attach(nil) }
        guard attach(trainer) else { return .train(step: 0, stopped: true, run: run) }
        var stopped = false
        let step = try trainer.run { event in
            if case .finished(_, let s) = event { stopped = s }
            events(.training(event))
        }
        return .train(step: step, stopped: stopped, run: run)
    }
}
