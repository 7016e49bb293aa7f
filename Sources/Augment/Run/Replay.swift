import DmanCore
import Foundation

/// Reproduces an output from its record alone (plus the input folder that
/// holds its parent): the steps are the record's `augment` transforms after
/// the parent's own.
///
///     let png = try Replay.png(of: record, input: cropsFolder)
///     assert(SHA256.hex(png) == record.sha256)
public enum Replay {
    /// The steps the record says were applied after its parent.
    public static func steps(of record: DatasetRecord, parent: DatasetRecord) throws(AugmentError) -> [TransformStep] {
        let all = record.provenance.transforms
        let inherited = parent.provenance.transforms
        guard all.count >= inherited.count, Array(all.prefix(inherited.count)) == inherited else {
            throw .replay(detail: "\(record.id): its transforms do not start with those of its parent \(parent.id)")
        }
        var steps: [TransformStep] = []
        for applied in all.dropFirst(inherited.count) {
            guard applied.stage == TransformStep.stage else {
                throw .replay(detail: "\(record.id): transform \(applied.name) is from stage \(applied.stage), not augment")
            }
            steps.append(try TransformStep(applied))
        }
        return steps
    }

    /// Re-renders `record` from its parent in `input` (a dataset or image folder)
    /// with `engine` (the one the run used; `dman augment`'s default is `.automatic`).
    public static func png(of record: DatasetRecord, input: URL,
                           engine: Rendering.Engine = .automatic) throws(AugmentError) -> Data {
        guard let parentID = record.parent else { throw .replay(detail: "\(record.id) has no parent") }
        let sources = try SourceSet(folder: input)
        guard let item = sources.items.first(where: { $0.id == parentID }) else {
            throw .replay(detail: "parent \(parentID) of \(record.id) is not in \(sources.folder.path)")
        }
        let (parent, image) = try sources.load(item)
        let steps = try steps(of: record, parent: parent)
        do { return try Rendering.png(of: steps, on: image, engine: engine) } catch {
            throw .image(path: sources.folder.appendingPathComponent(item.file).path, error: error)
        }
    }
}
