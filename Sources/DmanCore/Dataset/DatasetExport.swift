import Foundation

/// Writes a dataset's images in the folder layouts other trainers expect.
public enum DatasetExport {
    /// Target layouts.
    public enum Layout: String, Sendable, CaseIterable, Codable {
        /// PyTorch `torchvision.datasets.ImageFolder`: `OUT/<class>/<file>.png`,
        /// class = the record's label (`unlabelled` when it has none).
        case imagefolder
        /// carpedm20/DCGAN-tensorflow: `OUT/<name>/*.png`, used as
        /// `--data_dir OUT --dataset <name> --input_fname_pattern '*.png'`.
        case dcganTensorflow = "dcgan-tensorflow"
    }

    /// Copies every record's image into `output` in `layout`; `order` ids
    /// (when present) are kept as a file-name prefix for the flat layout so
    /// a lexicographic loader sees the balanced order. Returns files written.
    @discardableResult
    public static func export(_ dataset: URL, to output: URL, layout: Layout, name: String = "dman")
        throws(DatasetError) -> Int {
        let doc = try DatasetFolder(dataset).load()
        var position: [String: Int] = [:]
        for (i, id) in (doc.order?.ids ?? []).enumerated() { position[id] = i }
        var written = 0
        for record in doc.records {
            let base = (record.file as NSString).lastPathComponent
            let target: URL
            switch layout {
            case .imagefolder:
                let label = Self.safeName(record.provenance.label ?? "unlabelled")
                target = output.appendingPathComponent(label).appendingPathComponent(base)
            case .dcganTensorflow:
                let prefix = position[record.id].map { String(format: "%06d_", $0) } ?? ""
                target = output.appendingPathComponent(Self.safeName(name)).appendingPathComponent(prefix + base)
            }
            let source = dataset.appendingPathComponent(record.file)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                let data = try Data(contentsOf: source)
                try AtomicFile.write(data, to: target)
            } catch let e as FileError { throw .write(e) } catch {
                throw .unreadable(path: source.path, reason: (error as NSError).localizedDescription)
            }
            written += 1
        }
        return written
    }

    /// A folder name without path separators or leading dots.
    static func safeName(_ s: String) -> String {
        let cleaned = s.map { $0 == "/" || $0 == "\\" ? "_" : $0 }
        let t = String(cleaned).trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        return t.isEmpty ? "unlabelled" : t
    }
}
