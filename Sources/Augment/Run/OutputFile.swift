import DmanCore
import Foundation

/// Writes one output PNG atomically (temporary file in the same folder, then
/// rename), without `fsync`.
///
/// Why not `AtomicFile.write`: its per-file `fsync` made a 3180-image run
/// spend most of its wall time waiting for the disk (bench/augment/README.md).
/// Durability is kept where it matters: `dataset.json`, written last with
/// `AtomicFile.write` (fsynced), records every output's SHA-256, and a rerun
/// re-renders any file whose bytes no longer match after a crash.
enum OutputFile {
    static func write(_ data: Data, to url: URL) throws(FileError) {
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp", isDirectory: false)  // one writer per file: the folder is locked
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw FileError(path: url.path, reason: "cannot create: \(String(cString: strerror(errno)))") }
        var failure: String?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write: \(String(cString: strerror(errno)))"
                    return
                }
                offset += n
            }
        }
        close(fd)
        if failure == nil && rename(tmp.path, url.path) != 0 {
            failure = "cannot rename into place: \(String(cString: strerror(errno)))"
        }
        if let failure {
            unlink(tmp.path)
            throw FileError(path: url.path, reason: failure)
        }
    }
}
