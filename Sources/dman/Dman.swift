import ArgumentParser

@main
struct Dman: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dman",
        abstract: "Crop, augment, audit and train a GAN on character artwork, in one tool.",
        version: "0.1.0",
        subcommands: []
    )
}
