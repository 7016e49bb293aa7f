import ArgumentParser

/// dman's documented exit codes (also in README.md):
///
/// - 0: finished, every item processed;
/// - 1: fatal error, the command could not run (unreadable input, bad dataset);
/// - 2: finished with per-item errors (each reported on one line on stderr);
/// - 64: usage error (bad flags), from ArgumentParser;
/// - 130: interrupted (SIGINT); rerun the same command to resume.
enum DmanExit {
    static let finishedWithErrors = ExitCode(2)
    static let fatal = ExitCode(1)
}
