import DmanCore
import Foundation

/// Where the CLI's words go: progress and diagnostics on stderr, results on
/// stdout (human summary, or JSON with `--json`). Thread-safe.
final class Console: @unchecked Sendable {
    let json: Bool
    let quiet: Bool
    private let lock = NSLock()
    private let bar: ProgressBar?
    private(set) var errorCount = 0
    private(set) var warningCount = 0

    init(json: Bool, quiet: Bool) {
        self.json = json
        self.quiet = quiet
        bar = (json || quiet || isatty(STDERR_FILENO) == 0) ? nil : ProgressBar()
    }

    /// One line on stderr, prefixed `error:`; counted for the exit code.
    func error(_ message: String) {
        lock.lock(); errorCount += 1; lock.unlock()
        emitStderr("error: \(message)")
    }

    /// One line on stderr, prefixed `warning:` (not shown with `--quiet`).
    func warning(_ message: String) {
        lock.lock(); warningCount += 1; lock.unlock()
        if !quiet { emitStderr("warning: \(message)") }
    }

    /// A human line on stdout (suppressed with `--json` or `--quiet`).
    func say(_ message: String) {
        guard !json && !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        bar?.clear()
        FileHandle.standardOutput.write(Data((message + "\n").utf8))
    }

    /// Prints a Codable value as pretty JSON on stdout (only with `--json`).
    func emitJSON<T: Encodable>(_ value: T) {
        guard json else { return }
        guard let data = try? DatasetFolder.encoder.encode(value) else { return }
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// Feeds a library's progress events to the bar and the diagnostics.
    var progressHandler: ProgressHandler {
        { [self] event in
            switch event {
            case .started(let stage, let total, let resumed):
                lock.lock(); bar?.start(label: stage, total: total, done: resumed); lock.unlock()
            case .advanced(let completed, let total):
                lock.lock(); bar?.update(completed: completed, total: total); lock.unlock()
            case .warning(let item):
                warning(ErrorPresenter.line(for: item))
            case .itemFailed(let failure):
                error(ErrorPresenter.line(for: failure.error))
            }
        }
    }

    /// Sets a free-text suffix on the bar (e.g. losses during training).
    func status(_ text: String) {
        lock.lock(); bar?.suffix = text; lock.unlock()
    }

    /// Ends the bar's line.
    func finishProgress() {
        lock.lock(); bar?.finish(); lock.unlock()
    }

    /// `line` with C0 control characters (newline, tab, escape, …) and DEL written as `\n`, `\t`, `\u{1B}`.
    static func oneLine(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return line }
        var out = ""
        for u in line.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x7F: out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    private func emitStderr(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        bar?.clear()
        // A file name may hold a newline or other control characters: escape them, so one diagnostic is one line.
        FileHandle.standardError.write(Data((Self.oneLine(line) + "\n").utf8))
        bar?.redraw()
    }
}
