import Foundation

/// An exclusive advisory lock on an output folder, so two dman processes
/// never write the same dataset at once. Released in `deinit` (and by the
/// kernel if the process dies).
public final class FolderLock {
    private let fd: Int32
    public let url: URL

    /// Takes the lock on `folder/.dman.lock` or throws ``DatasetError/locked(path:holder:)``.
    public init(folder: URL) throws(DatasetError) {
        url = folder.appendingPathComponent(".dman.lock")
        let fd = open(url.path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else {
            throw .write(FileError(path: url.path, reason: "cannot create lock: \(errnoText())"))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buf = [UInt8](repeating: 0, count: 64)
            let n = read(fd, &buf, 63)
            close(fd)
            let holder = n > 0 ? "pid " + String(decoding: buf[0..<n], as: UTF8.self) : "unknown process"
            throw .locked(path: folder.path, holder: holder.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
