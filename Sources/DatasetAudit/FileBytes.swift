import Foundation

/// Reads a whole file with `open`/`fstat`/`read`: a third of the cost of
/// `Data(contentsOf:)` for the small PNGs an audit reads by the thousand.
enum FileBytes {
    static func read(_ url: URL) throws(AuditError) -> Data {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { throw .unreadableDataset(path: url.path, reason: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .unreadableDataset(path: url.path, reason: String(cString: strerror(errno))) }
        let size = Int(st.st_size)
        var data = Data(count: size)
        var done = 0
        let failure: String? = data.withUnsafeMutableBytes { raw -> String? in
            while done < size {
                let n = Foundation.read(fd, raw.baseAddress! + done, size - done)
                if n < 0 { if errno == EINTR { continue }; return String(cString: strerror(errno)) }
                if n == 0 { break }
                done += n
            }
            return nil
        }
        if let failure { throw .unreadableDataset(path: url.path, reason: "cannot read: \(failure)") }
        return done == size ? data : data.prefix(done)
    }
}
