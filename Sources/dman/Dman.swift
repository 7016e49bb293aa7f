import ArgumentParser

@main
struct Dman: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dman",
        abstract: "Crop, augment, audit and train a GAN on character artwork, in one tool.",
        discussion: """
        Exit codes: 0 done; 1 fatal error; 2 finished with per-item errors (each \
        reported on one line); 64 bad usage (dman docs exit-codes). Rerun an interrupted command to resume it.
        """,
        version: "0.1.0",
        subcommands: [
            CropCommand.self,
            AugmentCommand.self,
            AuditCommand.self,
            TrainCommand.self,
            GenerateCommand.self,
            EvalCommand.self,
            PipelineCommand.self,
            DemoCommand.self,
            MergeCommand.self,
            ExportCommand.self,
            BenchCommand.self,
            LabelCommand.self,
            ReviewCommand.self,
            DocsCommand.self,
        ]
    )
}
