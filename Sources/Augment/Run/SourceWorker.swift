import DmanCore
import Foundation

/// What processing one source produced.
struct SourceResult: Sendable {
    var records: [DatasetRecord] = []
    var written = 0
    var resumed = 0
    /// Original + variants, for the contact sheet (only when asked).
    var tiles: [ContactSheet.Tile] = []
    var error: AugmentError?
    /// Non-fatal remarks about the source (one line each, naming the file).
    var warnings: [String] = []
    /// Every output id planned for the source (to find dropped ones).
    var planned: [String] = []
    /// Planned outputs found in quarantine with the same record and bytes (guarded runs).
    var keptInQuarantine = 0
    /// How a guarded run would differ from the folder a later stage decided on.
    var changes = StageDecisions.Changes()
}

/// Renders and writes every output of one source. Stateless and pure in
/// what it writes: the bytes depend only on the source, the plan and ids.
struct SourceWorker: Sendable {
    let sources: SourceSet
    let plan: AugmentPlan
    let output: URL
    let write: Bool
    /// Set when a later stage decided on the output folder: the run then only
    /// verifies (resumes what matches, counts what it would change) and writes nothing.
    var quarantined: [String: QuarantineEntry]? = nil

    func process(_ item: SourceItem, index: Int, existing: [String: DatasetRecord], keepTiles: Bool) -> SourceResult {
        var result = SourceResult()
        let parent: DatasetRecord, decoded: DecodedImage
        do { (parent, decoded) = try sources.loadDecoded(item) } catch {
            result.error = error
            return result
        }
        let image = decoded.image
        if decoded.frameCount > 1 {
            result.warnings.append("\(sources.folder.appendingPathComponent(item.file).path): \(decoded.frameCount) frames (animated); only the first is augmented")
        }
        let cache = RenderCache()
        for planned in plan.outputs(stem: item.stem, parentID: parent.id, width: image.width, height: image.height) {
            let record = makeRecord(planned, parent: parent)
            // isDirectory: false spares Foundation a stat() of a file that does not exist yet.
            let url = output.appendingPathComponent(planned.file, isDirectory: false)
            result.planned.append(planned.id)
            if let quarantined {
                verify(planned, record, url, existing: existing, quarantined: quarantined, keepTiles: keepTiles, into: &result)
                continue
            }
            if write, let old = existing[planned.id], let data = matching(old, record, url) {
                result.records.append(old)
                result.resumed += 1
                if keepTiles, let tile = try? ImageCodec.decode(data).image { result.tiles.append(.init(tile, label: planned.variant)) }
                continue
            }
            do {
                let png: Data
                do { png = try Rendering.png(of: planned.steps, on: image, engine: plan.engine, cache: cache) } catch {
                    throw AugmentError.image(path: sources.folder.appendingPathComponent(item.file).path + " → " + planned.file,
                                             error: error)
                }
                var done = record
                done.sha256 = SHA256.hex(png)
                if keepTiles {
                    do { result.tiles.append(.init(try ImageCodec.decode(png).image, label: planned.variant)) } catch {
                        throw AugmentError.image(path: url.path, error: error)
                    }
                }
                if write {
                    do { try AtomicFile.write(png, to: url, flush: false) } catch { throw AugmentError.write(error) }
                    result.written += 1
                }
                result.records.append(done)
            } catch let e as AugmentError {
                result.error = e
                return result
            } catch {
                result.error = .input(path: url.path, detail: "\(error)")
                return result
            }
        }
        return result
    }

    /// The record an output will have (hash filled in after encoding).
    func makeRecord(_ planned: PlannedOutput, parent: DatasetRecord) -> DatasetRecord {
        var provenance = parent.provenance
        provenance.transforms += planned.steps.map(\.applied)
        if planned.usedSeed { provenance.seed = plan.seed }
        var w = parent.width, h = parent.height
        for case .resize(let r) in planned.steps { (w, h) = (r.width, r.height) }
        return DatasetRecord(id: planned.id, file: planned.file, sha256: "", width: w, height: h,
                             family: parent.family, parent: parent.id, provenance: provenance)
    }

    /// A guarded run's check of one output: already in the folder or in
    /// quarantine with the same record and bytes, or a change it must not make.
    private func verify(_ planned: PlannedOutput, _ record: DatasetRecord, _ url: URL, existing: [String: DatasetRecord],
                        quarantined: [String: QuarantineEntry], keepTiles: Bool, into result: inout SourceResult) {
        if let entry = quarantined[planned.id] {
            if matching(entry.record, record, output.appendingPathComponent(entry.quarantinedFile)) != nil {
                result.keptInQuarantine += 1
                return
            }
            result.changes.changed += 1
        } else if let old = existing[planned.id] {
            if let data = matching(old, record, url) {
                result.records.append(old)
                result.resumed += 1
                if keepTiles, let tile = try? ImageCodec.decode(data).image { result.tiles.append(.init(tile, label: planned.variant)) }
                return
            }
            result.changes.changed += 1
        } else {
            result.changes.added += 1
        }
        if result.changes.example == nil { result.changes.example = planned.id }
    }

    /// The file's bytes when an earlier run already wrote exactly this output.
    private func matching(_ old: DatasetRecord, _ new: DatasetRecord, _ url: URL) -> Data? {
        guard old.file == new.file, old.parent == new.parent, old.family == new.family,
              old.provenance == new.provenance, old.width == new.width, old.height == new.height,
              let data = try? Data(contentsOf: url), SHA256.hex(data) == old.sha256 else { return nil }
        return data
    }
}
