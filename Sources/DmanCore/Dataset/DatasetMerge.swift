import Foundation

/// Joins the outputs of `--shard I/N` runs into one dataset folder.
public enum DatasetMerge {
    /// What a merge did.
    public struct Summary: Sendable, Codable, Equatable {
        public var shards: Int
        public var records: Int
        public var copiedFiles: Int
    }

    /// Copies every shard's images into `output` and writes the union of their
    /// records. The shards must come from the same stage; a record id present
    /// in two shards must name identical content (same SHA-256), else the
    /// merge fails naming both folders. Rerunning skips files already copied.
    public static func merge(shards: [URL], into output: URL) throws(DatasetError) -> Summary {
        let out = DatasetFolder(output)
        try out.create()
        var byID: [String: (record: DatasetRecord, folder: URL)] = [:]
        var stage: String?
        var copied = 0
        for shardURL in shards {
            let folder = DatasetFolder(shardURL)
            let doc = try folder.load()
            if let stage, stage != doc.stage {
                throw .malformed(path: folder.documentURL.path,
                                 detail: "stage \(doc.stage) differs from the other shards' \(stage)")
            }
            stage = doc.stage
            for record in doc.records {
                if let existing = byID[record.id] {
                    guard existing.record.sha256 == record.sha256 else {
                        throw .malformed(path: folder.documentURL.path,
                                         detail: "record \(record.id) differs from the one in \(existing.folder.path)")
                    }
                    continue
                }
                byID[record.id] = (record, shardURL)
                let source = shardURL.appendingPathComponent(record.file)
                let target = output.appendingPathComponent(record.file)
                if let have = try? Data(contentsOf: target), SHA256.hex(have) == record.sha256 { continue }
                let data: Data
                do { data = try Data(contentsOf: source) } catch {
                    throw .unreadable(path: source.path, reason: (error as NSError).localizedDescription)
                }
                guard SHA256.hex(data) == record.sha256 else {
                    throw .malformed(path: source.path, detail: "content does not match its record's sha256")
                }
                do {
                    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                            withIntermediateDirectories: true)
                    try AtomicFile.write(data, to: target)
                } catch let e as FileError { throw .write(e) } catch {
                    throw .write(FileError(path: target.path, reason: "\(error)"))
                }
                copied += 1
            }
        }
        let records = byID.values.map(\.record).sorted { $0.id < $1.id }
        try out.save(DatasetDocument(stage: stage ?? "merge", records: records))
        return Summary(shards: shards.count, records: records.count, copiedFiles: copied)
    }
}
