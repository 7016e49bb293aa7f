import ArgumentParser
import DmanCore

/// Flags every processing command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Print one JSON document (or JSON lines) on stdout for scripts; no progress bar.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    /// The worker count to use.
    var resolvedJobs: Int { max(1, jobs ?? Parallel.defaultJobs) }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("Please give --jobs a value of 1 or more.") }
    }

    /// A console configured from these flags.
    func console() -> Console { Console(json: json, quiet: quiet) }
}
