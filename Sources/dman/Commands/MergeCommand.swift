import ArgumentParser
import DmanCore
import Foundation

/// `dman merge`: joins `--shard I/N` outputs into one dataset folder.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the dataset folders of sharded runs (--shard I/N) into one.",
        discussion: "Example: dman merge crops-0 crops-1 crops-2 -o crops")

    @Argument(help: ArgumentHelp("Shard output folders.", valueName: "shard"), completion: .directory)
    var shards: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("Merged dataset folder.", valueName: "dir"))
    var output: String

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if shards.isEmpty { throw ValidationError("Please name at least one shard folder.") }
    }

    func run() throws {
        let console = global.console()
        do {
            let summary = try DatasetMerge.merge(shards: shards.map { URL(fileURLWithPath: $0) },
                                                 into: URL(fileURLWithPath: output))
            console.emitJSON(summary)
            console.say("\(summary.records) records from \(summary.shards) shards · \(summary.copiedFiles) files copied → \(output)")
        } catch {
            throw console.fail(error)
        }
    }
}
