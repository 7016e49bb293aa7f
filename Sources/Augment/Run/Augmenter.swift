import DmanCore
import Foundation

/// Runs an ``AugmentPlan`` over a folder: parallel across sources, each
/// output's randomness derived from (seed, output id, stage), so the bytes
/// are identical for any `jobs`. Resumable: rerunning keeps outputs whose
/// record and bytes already match.
///
///     var plan = AugmentPlan()
///     plan.rotations = [-5, 0, 5]
///     plan.size = 64
///     let summary = try Augmenter.run(AugmentOptions(input: crops, output: augmented, plan: plan))
public enum Augmenter {
    /// Runs the plan; per-source failures are reported through `progress`
    /// (and in the summary) while the others are written.
    public static func run(_ options: AugmentOptions, progress: ProgressHandler? = nil) throws(AugmentError) -> AugmentSummary {
        let started = Date()
        let plan = options.plan
        try plan.validate()
        let allSources = try SourceSet(folder: options.input)
        let output = options.output.standardizedFileURL
        if output.resolvingSymlinksInPath().path == allSources.folder.resolvingSymlinksInPath().path {
            throw .input(path: output.path, detail: "output folder is the input folder; inputs are never modified (use -o)")
        }
        try checkUniqueNames(allSources, plan)   // over all shards, so names never depend on the split
        let sources = allSources.keeping(options.shard)
        let perSource = plan.variantsPerSource + (plan.includeOriginals ? 1 : 0)
        let previewIndices = previewRows(count: sources.items.count, wanted: options.preview == nil ? 0 : options.previewSources)
        var summary = AugmentSummary(
            input: sources.folder.path, output: output.path, sources: sources.items.count,
            variantsPerSource: plan.variantsPerSource, planned: perSource * sources.items.count, written: 0,
            resumed: 0, failedSources: 0, failures: [], stale: 0, preview: options.preview?.path,
            dryRun: options.dryRun, count: plan.countLine(sources: sources.items.count), plan: plan,
            jobs: options.jobs, seconds: 0)

        let collector: RunCollector
        var lock: FolderLock?
        var decisions = StageDecisions(nil)
        if options.dryRun {
            collector = RunCollector(folder: nil, existing: [:], progress: progress, total: 0)
        } else {
            let folder = DatasetFolder(output)
            if options.force {
                do { summary.movedAside = try folder.moveAside()?.path } catch { throw .dataset(error) }
            }
            do { try folder.create() } catch { throw .dataset(error) }
            do { lock = try FolderLock(folder: output) } catch { throw .dataset(error) }
            AtomicFile.removeLeftovers(in: output)
            var existing: [String: DatasetRecord] = [:]
            if folder.hasDocument {
                let doc: DatasetDocument
                do { doc = try folder.load() } catch { throw .dataset(error) }
                guard doc.stage == "augment" else {
                    throw .input(path: folder.documentURL.path,
                                 detail: "the output folder holds a \(doc.stage) dataset; augment writes only into its own folders (choose another -o)")
                }
                for r in doc.records { existing[r.id] = r }
                decisions = StageDecisions(doc)
            }
            do { try folder.checkNoPendingQuarantine() } catch { throw .dataset(error) }
            // A folder a later stage decided on is only verified, so no periodic saves.
            collector = RunCollector(folder: decisions.isEmpty ? folder : nil, existing: existing,
                                     progress: progress, total: summary.planned)
        }
        let items = options.dryRun ? previewIndices.map { sources.items[$0] } : sources.items
        let previewSet = Set(options.dryRun ? Array(items.indices) : previewIndices)
        let worker = SourceWorker(sources: sources, plan: plan, output: output, write: !options.dryRun,
                                  quarantined: decisions.isEmpty ? nil : decisions.quarantinedByID)
        progress?(.started(stage: "augment", total: options.dryRun ? 0 : summary.planned, resumed: 0))

        Parallel.forEach(items.count, jobs: options.jobs) { i in
            if collector.stopped { return }
            let result = worker.process(items[i], index: i, existing: collector.existing, keepTiles: previewSet.contains(i))
            collector.add(result, index: i, outputs: perSource, stopOnFailure: options.strict)
        }
        withExtendedLifetime(lock) {}

        let final = collector.finish()
        summary.written = final.written
        summary.resumed = final.resumed
        summary.failures = final.failures
        summary.failedSources = final.failures.count
        summary.skippedSources = items.count - final.processed
        summary.outOfSpace = final.outOfSpace?.description
        summary.keptInQuarantine = final.keptInQuarantine
        if !options.dryRun && !decisions.isEmpty {
            // Verified, not rebuilt: refuse if the run would undo a decision, else leave dataset.json as it is.
            var changes = final.changes
            let known = Set(collector.existing.keys).union(decisions.quarantinedByID.keys)
            changes.dropped = known.subtracting(final.planned).count
            if changes.example == nil { changes.example = known.subtracting(final.planned).min() }
            if !changes.isEmpty { throw .dataset(decisions.refusal(folder: output, stage: "augment", changes: changes)) }
        } else if !options.dryRun {
            let planned = Set(final.records.map(\.id))
            summary.stale = collector.existing.keys.filter { !planned.contains($0) }.count
            var doc = DatasetDocument(stage: "augment", records: final.records)
            doc.records.sort { $0.id < $1.id }
            do { try DatasetFolder(output).save(doc) } catch {
                // On a full disk the summary says so; a rerun re-creates the lost records.
                if final.outOfSpace == nil { throw .dataset(error) }
            }
        }
        if let sheetURL = options.preview {
            let rows = final.tiles.sorted { $0.key < $1.key }.map(\.value)
            if !rows.isEmpty {
                let sheet = ContactSheet.make(rows: rows)
                let png: Data
                do { png = try ImageCodec.pngData(sheet) } catch { throw .image(path: sheetURL.path, error: error) }
                try? FileManager.default.createDirectory(at: sheetURL.deletingLastPathComponent(), withIntermediateDirectories: true)
                do { try AtomicFile.write(png, to: sheetURL) } catch { throw .write(error) }
            }
        }
        if options.strict, let first = final.firstError { throw first }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Refuses a plan where two sources would write the same output name.
    static func checkUniqueNames(_ sources: SourceSet, _ plan: AugmentPlan) throws(AugmentError) {
        var names = plan.gridVariants.map(\.name) + (0..<plan.randomDraws).map { plan.randomName($0) }
        if plan.includeOriginals { names.append("orig") }
        var owner: [String: String] = [:]
        for item in sources.items {
            for n in names {
                let id = item.stem + "_" + n
                if let other = owner[id] { throw .duplicateOutput(id: id, parents: [other, item.id]) }
                owner[id] = item.id
            }
        }
    }

    /// `wanted` source indices spread evenly over `count`.
    static func previewRows(count: Int, wanted: Int) -> [Int] {
        let n = min(wanted, count)
        guard n > 0 else { return [] }
        return Array(Set((0..<n).map { $0 * count / n })).sorted()
    }
}
