import ArgumentParser

/// `dman docs [TOPIC]`: documents shipped with the binary.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Print a document shipped with dman: audit thresholds, an example pipeline config, exit codes.")

    @Argument(help: ArgumentHelp("One of: \(DocTopic.allCases.map(\.rawValue).joined(separator: ", ")) (none: list them).",
                                 valueName: "topic"))
    var topic: String?

    func validate() throws {
        if let topic, DocTopic(rawValue: topic) == nil {
            throw ValidationError("Please name a topic among \(DocTopic.allCases.map(\.rawValue).joined(separator: ", ")) (got \(topic)).")
        }
    }

    func run() throws {
        guard let topic = topic.flatMap(DocTopic.init(rawValue:)) else {
            for t in DocTopic.allCases { print("\(t.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) \(t.summary)") }
            return
        }
        print(topic.text)
    }
}
