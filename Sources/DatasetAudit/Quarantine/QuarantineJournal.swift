import Foundation
import DmanCore

/// The write-ahead journal that makes `--dedupe` and `--restore` all-or-nothing.
///
/// Order of work (each step idempotent, so a rerun after a kill finishes it):
/// 1. create `quarantine/`, then write `DATASET/.dman-quarantine-journal.json` atomically:
///    every move, the exact bytes of the new `dataset.json`, and the new
///    quarantine state;
/// 2. rename each file (`rename(2)`, same file system, atomic per file);
///    a move whose source is gone and destination present is already done;
/// 3. write `dataset.json` atomically, then the state file (or remove it);
/// 4. (restore) remove the emptied `quarantine/` folders, then the journal.
/// Before step 1 nothing has changed; after it, any dman audit run on the
/// folder completes the journal first (``Quarantine/recover(folder:)``).
/// No step deletes an image.
struct QuarantineJournal: Codable {
    struct Move: Codable, Equatable {
        var from: String
        var to: String
    }

    var operation: String
    var moves: [Move]
    /// New `dataset.json` bytes (nil for a plain folder).
    var document: Data?
    /// New state file (nil: remove it).
    var state: QuarantineState?
    /// Remove `quarantine/` (and its empty sub-folders) at the end.
    var removeFolder: Bool

    /// Kept in the dataset folder itself (not in `quarantine/`), so that the
    /// emptied `quarantine/` can be removed before the journal goes.
    static let fileName = ".dman-quarantine-journal.json"

    static func url(_ folder: URL) -> URL { folder.appendingPathComponent(fileName) }

    func write(folder: URL) throws(AuditError) {
        let q = folder.appendingPathComponent(DatasetFolder.quarantineName)
        do { try FileManager.default.createDirectory(at: q, withIntermediateDirectories: true) } catch {
            throw .write(path: q.path, reason: Self.reason(error))
        }
        let data: Data
        do { data = try JSONEncoder().encode(self) } catch { throw .write(path: Self.url(folder).path, reason: "\(error)") }
        do { try AtomicFile.write(data, to: Self.url(folder)) } catch {
            throw .write(path: Self.url(folder).path, reason: error.reason)
        }
    }

    /// `Operation not permitted` rather than a whole NSError dump.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? Error,
           case let posix = underlying as NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return ns.localizedDescription
    }

    /// Steps 2–4. `stopAfter` (tests only) abandons the work after that many
    /// steps, leaving the folder exactly as a kill at that point would:
    /// steps are the moves, then `dataset.json`, then the state file, then
    /// the journal's removal.
    func apply(folder: URL, stopAfter: Int? = nil) throws(AuditError) {
        let fm = FileManager.default
        var step = 0
        func stop() -> Bool { defer { step += 1 }; return stopAfter.map { step >= $0 } ?? false }
        for m in moves {
            if stop() { return }
            let from = folder.appendingPathComponent(m.from), to = folder.appendingPathComponent(m.to)
            let hasFrom = fm.fileExists(atPath: from.path), hasTo = fm.fileExists(atPath: to.path)
            if !hasFrom && hasTo { continue }
            if hasFrom && hasTo { throw .journal(path: Self.url(folder).path, detail: "both \(m.from) and \(m.to) exist; move one aside and rerun") }
            if !hasFrom { throw .journal(path: Self.url(folder).path, detail: "\(m.from) is missing and was not moved to \(m.to)") }
            do { try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
                throw .move(path: to.deletingLastPathComponent().path, reason: Self.reason(error))
            }
            if rename(from.path, to.path) != 0 { throw .move(path: from.path, reason: String(cString: strerror(errno))) }
        }
        if stop() { return }
        if let document {
            let url = DatasetFolder(folder).documentURL
            do { try AtomicFile.write(document, to: url) } catch { throw .write(path: url.path, reason: error.reason) }
        }
        if stop() { return }
        let stateURL = QuarantineState.url(folder)
        if let state {
            do { try AtomicFile.write(try DatasetFolder.encoder.encode(state), to: stateURL) } catch {
                throw .write(path: stateURL.path, reason: (error as? FileError)?.reason ?? "\(error)")
            }
        } else {
            unlink(stateURL.path)
        }
        if stop() { return }
        if removeFolder { Self.removeEmptyFolders(folder.appendingPathComponent(DatasetFolder.quarantineName)) }
        unlink(Self.url(folder).path)
    }

    /// Removes `dir` and its sub-folders when they hold no files.
    static func removeEmptyFolders(_ dir: URL) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else { return }
        for n in names {
            var isDir: ObjCBool = false
            let u = dir.appendingPathComponent(n)
            if fm.fileExists(atPath: u.path, isDirectory: &isDir), isDir.boolValue { removeEmptyFolders(u) }
        }
        if (try? fm.contentsOfDirectory(atPath: dir.path))?.isEmpty == true { rmdir(dir.path) }
    }
}

/// What `quarantine/.state.json` remembers between `--dedupe` and `--restore`.
struct QuarantineState: Codable, Equatable {
    /// `dataset.json` bytes before the first dedupe, restored verbatim when
    /// `--restore` gives the same document back.
    var documentBefore: Data?
    /// Whether dedupe created `quarantine/` (restore then removes it).
    var createdFolder: Bool
    /// Entries of a plain folder (a dataset keeps them in `dataset.json`).
    var entries: [QuarantineEntry]?

    static func url(_ folder: URL) -> URL {
        folder.appendingPathComponent(DatasetFolder.quarantineName).appendingPathComponent(".state.json")
    }

    static func load(_ folder: URL) -> QuarantineState? {
        guard let d = try? Data(contentsOf: url(folder)) else { return nil }
        return try? JSONDecoder().decode(QuarantineState.self, from: d)
    }
}
