import Foundation

/// Reads one input file (a picture of a dataset or manifest) whole, and
/// only if it is a regular file of a sane size.
///
/// A FIFO named `x.png` would block a plain `open`/`read` forever (audit
/// hung on one, issue 17), `/dev/zero` never ends, a folder or a symbolic
/// link loop gives Foundation's `NSCocoaErrorDomain error 256`. Here each
/// is one plain reason, and `open` uses `O_NONBLOCK` so a FIFO cannot stall.
///
///     let data = try InputFile.read(url)   // FileError: "x.png: is a FIFO, not a regular file"
public enum InputFile {
    /// Largest file read (1 GiB): far above any picture under the pixel-area cap.
    public static let maxBytes = 1 << 30

    public static func read(_ url: URL, maxBytes: Int = InputFile.maxBytes) throws(FileError) -> Data {
        let path = url.path
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw FileError(path: path, reason: code == ELOOP ? "symbolic link loop (too many levels of links)"
                            : code == ENOENT ? "no such file" : "cannot open: \(String(cString: strerror(code)))", code: code)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw FileError(path: path, reason: "cannot stat: \(errnoText())", code: errno) }
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else { throw FileError(path: path, reason: "is \(describe(kind)), not a regular file") }
        let size = Int(st.st_size)
        guard size <= maxBytes else {
            throw FileError(path: path, reason: "is \(size) bytes, above the \(maxBytes >> 20) MiB limit for one input file")
        }
        var data = Data(count: size)
        var done = 0
        let failure: Int32? = data.withUnsafeMutableBytes { raw -> Int32? in
            while done < size {
                let n = Foundation.read(fd, raw.baseAddress! + done, size - done)
                if n < 0 { if errno == EINTR || errno == EAGAIN { continue }; return errno }
                if n == 0 { break }
                done += n
            }
            return nil
        }
        if let failure { throw FileError(path: path, reason: "cannot read: \(String(cString: strerror(failure)))", code: failure) }
        return done == size ? data : data.prefix(done)
    }

    static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }
}
