import DmanCore
import Foundation

/// Crops every box of a manifest into square PNGs plus `dataset.json`.
///
/// Pictures are processed in parallel (``CropOptions/jobs``); each bad
/// entry, picture or box is reported through the progress handler as
/// ``ProgressEvent/itemFailed(_:)`` and counted in the summary while the
/// others go on (``CropOptions/strict`` stops at the first). Rerunning with
/// the same inputs keeps finished crops.
///
///     var options = CropOptions()
///     options.size = 64
///     let summary = try Cropper(manifest: URL(fileURLWithPath: "boxes.json"),
///                               output: URL(fileURLWithPath: "crops"), options: options).run()
///     print(summary.line)   // "212 crops from 180 images · 14 padded (mean 6%)"
public struct Cropper: Sendable {
    public let manifest: URL
    public let output: URL
    public let options: CropOptions

    public init(manifest: URL, output: URL, options: CropOptions = CropOptions()) {
        self.manifest = manifest
        self.output = output
        self.options = options
    }

    /// Runs the crop; throws only for errors that stop everything (unreadable
    /// or malformed manifest, unusable output folder).
    public func run(progress: ProgressHandler? = nil) throws(CropError) -> CropSummary {
        let report: ProgressHandler = progress ?? { _ in }
        let loaded = try CropManifest.load(manifest, format: options.format)
        var summary = CropSummary(manifest: manifest.path, format: loaded.parsed.format.rawValue, output: output.path)
        let folder = try CropOutputFolder(output, force: options.force)
        let stop = StopFlag()
        var errors: [CropError] = []
        func failed(_ e: CropError) {
            errors.append(e)
            report(.itemFailed(ItemFailure(e)))
            if options.strict { stop.set() }
        }
        for p in loaded.parsed.problems where !stop.isSet { failed(p) }

        let root = (options.root ?? loaded.root).standardizedFileURL
        let locator = PictureLocator(root: root, imagesFolder: options.imagesFolder, allowOutside: options.allowOutside)
        var jobs: [CropJob] = []
        var shardKeys: [String] = []
        var byPath: [String: Int] = [:]
        // Pictures without boxes (COCO lists every image) are not even looked up.
        for entry in loaded.parsed.entries where !stop.isSet && !entry.boxes.isEmpty {
            // Every shard locates every picture so output names (which depend
            // on stem collisions across the whole manifest) match an unsharded
            // run; each shard then keeps and reports only its own pictures.
            let mine = options.shard.contains(entry.picture.display)
            do {
                let (url, recorded) = try locator.locate(entry)
                if let i = byPath[url.path] { jobs[i].boxes += entry.boxes; continue }
                byPath[url.path] = jobs.count
                shardKeys.append(entry.picture.display)
                jobs.append(CropJob(url: url, recorded: recorded, stem: url.deletingPathExtension().lastPathComponent,
                                    boxes: entry.boxes, declaredWidth: entry.declaredWidth, declaredHeight: entry.declaredHeight))
            } catch { if mine { failed(error) } }
        }
        CropJob.assignStems(&jobs)
        if options.shard.count > 1 {
            jobs = zip(jobs, shardKeys).filter { options.shard.contains($0.1) }.map(\.0)
        }

        let worker = CropWorker(options: options, output: folder.folder.url, previous: folder.previous, report: report, stop: stop,
                                writes: folder.decisions.isEmpty)
        report(.started(stage: "crop", total: jobs.count, resumed: 0))
        let progress = ProgressCounter(total: jobs.count, handler: report)
        let outcomes = Parallel.map(jobs, jobs: options.jobs) { job -> JobOutcome in
            let outcome = stop.isSet ? JobOutcome() : worker.process(job)
            if !outcome.records.isEmpty { try? folder.add(outcome.records) }
            progress.advance()
            return outcome
        }
        var keep = Set<String>()
        var padSum = 0.0
        for o in outcomes {
            errors += o.errors
            summary.written += o.written
            summary.resumed += o.resumed
            summary.skipped += o.skipped
            summary.filtered += o.filtered
            if !o.records.isEmpty { summary.images += 1 }
            for r in o.records {
                keep.insert(r.id)
                if let p = r.provenance.padFraction, p > 0 { summary.padded += 1; padSum += p }
                if let p = r.provenance.padFraction, p > options.maxPad { summary.overMaxPad += 1 }
                if let u = r.provenance.upscale, u > options.upscaleWarning { summary.upscaled += 1 }
            }
        }
        // A strict run that stopped keeps the earlier run's records for resuming.
        if stop.isSet { keep.formUnion(folder.previous.keys) }
        let recrop = outcomes.reduce(0) { $0 + $1.wouldRecrop }
        let example = zip(jobs, outcomes).first { $0.1.wouldRecrop > 0 }?.0.recorded
        if let note = try folder.finish(keeping: keep, wouldRecrop: recrop, example: example) { report(.warning(ItemWarning(note))) }
        summary.crops = summary.written + summary.resumed
        summary.meanPadFraction = summary.padded > 0 ? padSum / Double(summary.padded) : 0
        summary.failed = errors.count
        summary.failures = errors
        summary.errors = errors.map(\.description)
        summary.stoppedEarly = stop.isSet
        return summary
    }
}
