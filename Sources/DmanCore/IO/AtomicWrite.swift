import Foundation

/// Errors writing or reading files, each naming the path.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    /// The `errno` of the failed call, when there was one.
    public let code: Int32?

    public init(path: String, reason: String, code: Int32? = nil) {
        self.path = path
        self.reason = reason
        self.code = code
    }

    /// The disk or quota is full: every later write to the same place fails
    /// too, so a stage stops instead of reporting each remaining picture.
    public var isOutOfSpace: Bool { code == ENOSPC || code == EDQUOT }

    public var description: String { "\(path): \(reason)" }
}

/// Writes files so that a reader sees either the old file or the whole new
/// one, never a partial file under the final name.
public enum AtomicFile {
    /// Writes `data` to a temporary file in the destination folder, flushes
    /// it (unless `flush` is false), then renames it over `url`.
    ///
    /// Stages write their many output PNGs with `flush: false`: a per-file
    /// `fsync` costs more than the image work, and a rerun re-hashes every
    /// output against its record in `dataset.json` (always flushed), so a
    /// file lost to a power cut is simply made again.
    public static func write(_ data: Data, to url: URL, flush: Bool = true) throws(FileError) {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw FileError(path: url.path, reason: "cannot create: \(errnoText())", code: errno) }
        var failure: String?, code: Int32?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write: \(errnoText())"
                    code = errno
                    return
                }
                offset += n
            }
        }
        if failure == nil && flush && fsync(fd) != 0 { failure = "cannot flush: \(errnoText())"; code = errno }
        if close(fd) != 0 && failure == nil { failure = "cannot close: \(errnoText())"; code = errno }
        if let failure {
            unlink(tmp.path)
            throw FileError(path: url.path, reason: failure, code: code)
        }
        if rename(tmp.path, url.path) != 0 {
            let text = errnoText(), renameCode = errno
            unlink(tmp.path)
            throw FileError(path: url.path, reason: "cannot rename into place: \(text)", code: renameCode)
        }
    }

    /// Removes temporary files a killed run left in `dir`.
    public static func removeLeftovers(in dir: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            unlink(dir.appendingPathComponent(name).path)
        }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
