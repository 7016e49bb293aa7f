import DmanCore
import Foundation

/// Writes crop PNGs atomically (temporary file in the same folder, then
/// rename) without flushing each one to disk.
///
/// A process killed mid-write leaves only a `.<name>.<random>.tmp` file,
/// which the next run removes (``AtomicFile/removeLeftovers(in:)``). A
/// per-file `fsync` would cost more than the crop itself on slow disks; it
/// is unnecessary because a rerun re-hashes every kept crop against its
/// record, so a crop lost or damaged by a power failure is simply redone.
/// (`dataset.json` itself is written with ``AtomicFile/write(_:to:)``, which flushes.)
enum CropFileWriter {
    static func write(_ data: Data, to url: URL) throws(FileError) {
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        do { try data.write(to: tmp) } catch {
            unlink(tmp.path)
            throw FileError(path: url.path, reason: "cannot write: \((error as NSError).localizedDescription)")
        }
        if rename(tmp.path, url.path) != 0 {
            let text = String(cString: strerror(errno))
            unlink(tmp.path)
            throw FileError(path: url.path, reason: "cannot rename into place: \(text)")
        }
    }
}
