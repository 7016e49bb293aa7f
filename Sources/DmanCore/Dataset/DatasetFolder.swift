import Foundation

/// Errors reading or writing a dataset folder.
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, detail: String)
    case unsupportedVersion(path: String, version: Int)
    case notADataset(path: String)
    case locked(path: String, holder: String)
    case write(FileError)
    /// A rerun of an earlier stage would undo what a later stage decided
    /// (see ``StageDecisions``); nothing was changed.
    case laterDecisions(path: String, detail: String)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): return "\(p): cannot read: \(r)"
        case .malformed(let p, let d): return "\(p): \(d)"
        case .unsupportedVersion(let p, let v): return "\(p): dataset version \(v) is newer than this dman understands (\(DatasetDocument.currentVersion))"
        case .notADataset(let p): return "\(p): not a dman dataset (format tag missing)"
        case .locked(let p, let h): return "\(p): another dman process is writing this folder (\(h)); wait for it or remove the stale lock"
        case .write(let e): return e.description
        case .laterDecisions(let p, let d): return "\(p): \(d)"
        }
    }
}

/// A dataset folder: PNGs plus `dataset.json`.
public struct DatasetFolder: Sendable {
    public static let documentName = "dataset.json"
    public static let quarantineName = "quarantine"

    public let url: URL

    public init(_ url: URL) { self.url = url.standardizedFileURL }

    public var documentURL: URL { url.appendingPathComponent(Self.documentName) }

    /// Whether `dataset.json` exists.
    public var hasDocument: Bool { FileManager.default.fileExists(atPath: documentURL.path) }

    /// Reads and validates `dataset.json`.
    public func load() throws(DatasetError) -> DatasetDocument {
        let path = documentURL.path
        let data: Data
        do { data = try Data(contentsOf: documentURL) } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try Self.decode(data, path: path)
    }

    /// Decodes a `dataset.json` document's bytes.
    public static func decode(_ data: Data, path: String) throws(DatasetError) -> DatasetDocument {
        let doc: DatasetDocument
        do { doc = try JSONDecoder().decode(DatasetDocument.self, from: data) } catch {
            throw .malformed(path: path, detail: JSONDiagnostics.describe(error, in: data))
        }
        guard doc.format == DatasetDocument.formatTag else { throw .notADataset(path: path) }
        guard doc.version <= DatasetDocument.currentVersion else {
            throw .unsupportedVersion(path: path, version: doc.version)
        }
        var seen = Set<String>()
        for (i, r) in doc.records.enumerated() {
            if !seen.insert(r.id).inserted {
                throw .malformed(path: path, detail: "records[\(i)].id: duplicate id \(r.id)")
            }
            if r.file.hasPrefix("/") || r.file.split(separator: "/").contains("..") {
                throw .malformed(path: path, detail: "records[\(i)].file: \(r.file) is outside the dataset folder")
            }
            if r.width <= 0 || r.height <= 0 {
                throw .malformed(path: path, detail: "records[\(i)]: size \(r.width)×\(r.height) is not a picture size")
            }
        }
        return doc
    }

    /// Writes `dataset.json` atomically, records sorted by id, keys sorted.
    public func save(_ document: DatasetDocument) throws(DatasetError) {
        var doc = document
        doc.records.sort { $0.id < $1.id }
        let data: Data
        do { data = try Self.encoder.encode(doc) } catch {
            throw .malformed(path: documentURL.path, detail: "cannot encode: \(error)")
        }
        do { try AtomicFile.write(data + Data("\n".utf8), to: documentURL) } catch { throw .write(error) }
    }

    /// The encoder used for every JSON file dman writes (stable key order).
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// Creates the folder if needed.
    public func create() throws(DatasetError) {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw .write(FileError(path: url.path, reason: (error as NSError).localizedDescription))
        }
    }

    /// Picture files directly in `folder` (by extension), sorted by name.
    public static func listImages(in folder: URL, pattern: String? = nil) throws(DatasetError) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder.path) } catch {
            throw .unreadable(path: folder.path, reason: (error as NSError).localizedDescription)
        }
        return names.filter { name in
            guard !name.hasPrefix(".") else { return false }
            if let pattern { return Glob.matches(name, pattern: pattern) }
            return RasterFormat.fileExtensions.contains((name as NSString).pathExtension.lowercased())
        }.sorted()
    }
}

/// Shell-style `*` and `?` matching for file names.
public enum Glob {
    public static func matches(_ name: String, pattern: String) -> Bool {
        let n = Array(name.utf8), p = Array(pattern.utf8)
        var i = 0, j = 0, star = -1, mark = 0
        while i < n.count {
            if j < p.count && (p[j] == UInt8(ascii: "?") || p[j] == n[i]) { i += 1; j += 1 }
            else if j < p.count && p[j] == UInt8(ascii: "*") { star = j; mark = i; j += 1 }
            else if star >= 0 { j = star + 1; mark += 1; i = mark }
            else { return false }
        }
        while j < p.count && p[j] == UInt8(ascii: "*") { j += 1 }
        return j == p.count
    }
}
