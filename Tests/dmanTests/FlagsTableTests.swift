import DmanTestSupport
import Foundation
import Testing

/// README's flags table lists exactly the flags each command's `--help` shows.
@Suite struct FlagsTableTests {
    static let common: Set<String> = ["--jobs", "--json", "--quiet", "--help", "--version"]

    static func flags(inHelpOf args: [String]) throws -> Set<String> {
        let help = try CLIRunner.run(args + ["--help"]).stdout
        guard let options = help.range(of: "USAGE:") else { return [] }
        let text = String(help[options.upperBound...])
        let regex = try NSRegularExpression(pattern: #"(?<![\w-])(--[a-z][a-z0-9-]*)"#)
        let matches = regex.matches(in: text, range: NSRange(text.startIndex..., in: text))
        return Set(matches.map { String(text[Range($0.range(at: 1), in: text)!]) }).subtracting(common)
    }

    static func subcommands(of args: [String]) throws -> [String] {
        let help = try CLIRunner.run(args + ["--help"]).stdout
        guard let r = help.range(of: "SUBCOMMANDS:") else { return [] }
        let block = help[r.upperBound...].components(separatedBy: "\n\n")[0]
        return block.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.split(separator: " ").first.map(String.init)
            return name == "help" ? nil : name
        }
    }

    @Test func readmeRowsMatchHelp() throws {
        let readme = try String(contentsOf: RepositoryFiles.url("README.md"), encoding: .utf8)
        var rows: [String: Set<String>] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `dman ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")).replacingOccurrences(of: "dman ", with: "")
            let flags = cells.count > 1 ? cells[1].split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`")) } : []
            rows[name] = Set(flags.filter { $0.hasPrefix("--") })
        }
        let commands = try Self.subcommands(of: [])
        #expect(commands.count >= 5)
        for command in commands {
            let nested = try Self.subcommands(of: [command])
            for name in nested.isEmpty ? [command] : nested.map({ "\(command) \($0)" }) {
                let help = try Self.flags(inHelpOf: name.split(separator: " ").map(String.init))
                #expect(rows[name] == help, "README flags row for `dman \(name)` differs from --help: \(help.sorted())")
            }
        }
    }
}
