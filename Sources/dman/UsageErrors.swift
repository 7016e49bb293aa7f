import ArgumentParser
import Foundation

/// Bad usage is one line on stderr and exit 64, for every subcommand:
/// `error: Please give --jobs a value of 1 or more. (see 'dman crop --help')`.
///
/// ArgumentParser prints the message, then the usage and a help hint on
/// further lines; dman keeps the message (and names the help to read) so a
/// script's log shows one line per failed command, like every other error.
extension Dman {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // An ExitCode was thrown after its one line was already said (ErrorPresenter).
            guard !(error is ExitCode), exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let line = "error: " + UsageLine.message(message(for: error), arguments: arguments) + "\n"
            FileHandle.standardError.write(Data(line.utf8))
            exit(withError: ExitCode.validationFailure)
        }
    }
}

/// Builds the one line of a usage error.
enum UsageLine {
    static func message(_ raw: String, arguments: [String]) -> String {
        var text = raw.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        // `--size -5`: ArgumentParser reads -5 as another flag and reports a missing value.
        if text.hasPrefix("Missing value for '"), let option = text.dropFirst(19).split(separator: " ").first
            .map({ String($0).trimmingCharacters(in: CharacterSet(charactersIn: "'")) }),
           let i = arguments.firstIndex(of: option), i + 1 < arguments.count,
           arguments[i + 1].hasPrefix("-"), Double(arguments[i + 1]) != nil {
            text = "Please give \(option) a value that is not negative (got \(arguments[i + 1]))."
        }
        let sub = Dman.configuration.subcommands.map { $0.configuration.commandName ?? "" }
        let help = arguments.first.flatMap { sub.contains($0) ? "dman \($0) --help" : nil } ?? "dman --help"
        return text + " (see '\(help)')"
    }
}
