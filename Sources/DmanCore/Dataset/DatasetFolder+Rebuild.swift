import Foundation

extension DatasetFolder {
    /// The quarantine journal's name (written by DatasetAudit's
    /// `QuarantineJournal`, `.dman-quarantine-journal.json`); while it exists, a move
    /// into or out of `quarantine/` is half done.
    public static let quarantineJournalName = ".dman-quarantine-journal.json"

    /// Refuses to rerun an earlier stage into the folder while a dedupe,
    /// restore or review rejection is half done: rewriting images then would
    /// put a picture both in the folder and in quarantine.
    public func checkNoPendingQuarantine() throws(DatasetError) {
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent(Self.quarantineJournalName).path) else { return }
        throw .laterDecisions(path: url.path, detail: "an interrupted move to or from quarantine/ left its journal "
            + "(\(Self.quarantineJournalName)) here; run `dman audit \(url.path)` to complete it, then rerun this command")
    }

    /// `NAME.before-rebuild-N` beside `folder`.
    public static func asideName(for folder: URL, index: Int) -> String {
        let url = folder.standardizedFileURL
        return url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".before-rebuild-\(index)").path
    }

    /// The first `NAME.before-rebuild-N` beside `folder` that does not exist yet.
    public static func freeAsideName(for folder: URL) -> String {
        var index = 1
        while FileManager.default.fileExists(atPath: asideName(for: folder, index: index)) { index += 1 }
        return asideName(for: folder, index: index)
    }

    /// Moves the folder out of the way for a rebuild (`--force`): renamed to
    /// the first free `NAME.before-rebuild-N` beside it, never deleted.
    /// Holds the folder's lock while renaming, so a folder another dman
    /// process is writing is refused. Returns the new location, or `nil`
    /// when there was nothing to move (no folder, or an empty one). A
    /// folder without `dataset.json` is refused, not moved.
    public func moveAside() throws(DatasetError) -> URL? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDir) else { return nil }
        guard isDir.boolValue else {
            throw .write(FileError(path: url.path, reason: "is a file, not a dataset folder; not moving it"))
        }
        let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
        if names.allSatisfy({ $0 == ".dman.lock" }) { return nil }
        // Only dman's own folders: --force must never carry off a folder of something else.
        guard hasDocument else {
            throw .notADataset(path: url.path + " (no \(Self.documentName); --force moves only dman dataset folders aside)")
        }
        let lock = try FolderLock(folder: url)
        defer { withExtendedLifetime(lock) {} }
        let target = Self.freeAsideName(for: url)
        // rename(2) of a folder: atomic, same file system, nothing copied or lost.
        guard rename(url.path, target) == 0 else {
            throw .write(FileError(path: url.path, reason: "cannot move aside to \(target): \(errnoText())"))
        }
        return URL(fileURLWithPath: target)
    }
}
