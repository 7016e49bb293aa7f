import DmanCore
import Foundation

/// Runs the built `dman` and sends it a signal once a condition holds (for
/// example "the first output PNG exists"), to test what a killed run leaves.
enum ProcessInterrupter {
    struct Outcome {
        /// Whether the process ended by the signal (not by finishing first).
        var interrupted: Bool
        var status: Int32
        var reason: Process.TerminationReason
    }

    /// Starts `dman args…` in `directory`, polls `trigger` every 2 ms, sends
    /// `signal` as soon as it returns true, then waits for the exit.
    static func run(_ args: [String], in directory: URL, signal: Int32,
                    timeout: TimeInterval = 60, when trigger: () -> Bool) throws -> Outcome {
        let p = Process()
        p.executableURL = CLIRunner.executable
        p.arguments = args
        p.currentDirectoryURL = directory
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        restoreDefaultDisposition(signal)
        // The child inherits this thread's signal mask, and test threads
        // (libdispatch workers) block SIGINT: unblock it around the spawn.
        var set = sigset_t(), old = sigset_t()
        sigemptyset(&set); sigaddset(&set, signal)
        pthread_sigmask(SIG_UNBLOCK, &set, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        var sent = false
        while p.isRunning && Date() < deadline {
            if trigger() {
                sent = kill(p.processIdentifier, signal) == 0
                break
            }
            usleep(2_000)
        }
        if !sent && p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        let interrupted = sent && p.terminationReason == .uncaughtSignal && p.terminationStatus == signal
        return Outcome(interrupted: interrupted, status: p.terminationStatus, reason: p.terminationReason)
    }

    /// A child inherits an ignored signal through exec, and the test runner
    /// may ignore SIGINT (as a shell does for background jobs): dman would
    /// then never see it. Give this process (and so the child) the default
    /// action back, as an interactive terminal would have.
    static func restoreDefaultDisposition(_ signal: Int32) {
        var current = sigaction()
        sigaction(signal, nil, &current)
        if unsafeBitCast(current.__sigaction_handler, to: Int.self) == 1 {   // SIG_IGN
            print("note: signal \(signal) was ignored by the test process; restored to its default for the child")
            Foundation.signal(signal, SIG_DFL)
        }
    }

    /// Names in `folder` (not hidden) with the given extension.
    static func files(in folder: URL, ext: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0.hasSuffix("." + ext) }.sorted()
    }
}

/// Checks shared by the interruption tests.
enum OutputInvariants {
    /// Every visible PNG in `folder` decodes completely (no partial file under a final name).
    static func everyPNGDecodes(in folder: URL) -> [String] {
        ProcessInterrupter.files(in: folder, ext: "png").filter { name in
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return true }
            return (try? ImageCodec.decode(data)) == nil
        }
    }

    /// dataset.json, when present, parses.
    static func datasetParses(_ folder: URL) -> Bool {
        let d = DatasetFolder(folder)
        guard d.hasDocument else { return true }
        return (try? d.load()) != nil
    }

    /// name → bytes of every visible file in `folder` except the given names.
    static func contents(of folder: URL, except: Set<String> = []) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where !name.hasPrefix(".") && !except.contains(name) {
            var isDir: ObjCBool = false
            let url = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
                out[name] = try Data(contentsOf: url)
            }
        }
        return out
    }
}
