import DmanCore
import Foundation

/// Reads a whole file with `open`/`fstat`/`read` (a third of the cost of
/// `Data(contentsOf:)` for the small PNGs an audit reads by the thousand),
/// through DmanCore's ``InputFile``: a FIFO named as a picture used to block
/// the audit forever; folders, devices and link loops are one clear reason.
enum FileBytes {
    static func read(_ url: URL) throws(AuditError) -> Data {
        do { return try InputFile.read(url) } catch { throw .unreadableDataset(path: url.path, reason: error.reason) }
    }
}
