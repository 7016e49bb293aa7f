import DmanCore
import DmanPipeline
import DmanTestSupport
import Foundation
import Testing

/// `dman pipeline` as a user runs it: a bad config value is exit 64 naming the
/// stage and key; the commands it prints, run by hand, make the same outputs;
/// and every stage's config keys are exactly its command's flags.
@Suite struct PipelineCommandTests {
    @Test func badConfigValueIsExit64NamingStageAndKey() throws {
        let tmp = TemporaryDirectory()
        let cfg = tmp.path("p.toml")
        try Data("[augment]\nrotations = 'abc'\n".utf8).write(to: cfg)
        let r = try CLIRunner.run(["pipeline", "m.json", "-o", tmp.path("out").path, "--config", cfg.path])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("p.toml: [augment] rotations"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.path("out").path), "nothing ran")
    }

    @Test func printedCommandsRunByHandMakeTheSameOutputs() throws {
        let tmp = TemporaryDirectory()
        #expect(try CLIRunner.run(["demo", "-o", tmp.url.path, "--sources-only", "--count", "5"]).status == 0)
        let cfg = tmp.path("p.toml")
        try Data("[crop]\nsize = 32\nmargin = 0.2\n[augment]\nsize = 32\nscales = '0.95,1'\n[audit]\nbatch = 4\n".utf8).write(to: cfg)
        let out = tmp.path("out").path, hand = tmp.path("hand").path
        let r = try CLIRunner.run(["pipeline", tmp.path("sources/manifest.json").path, "-o", out, "--config", cfg.path,
                                   "--stages", "crop,augment,audit"])
        #expect(r.status == 0, "\(r.stderr)")
        let commands = r.stdout.split(separator: "\n").filter { $0.hasPrefix("▶ dman ") }
        #expect(commands.count == 3, "\(r.stdout)")
        for line in commands {
            let args = line.dropFirst("▶ dman ".count).split(separator: " ").map { $0.replacingOccurrences(of: out, with: hand) }
            let byHand = try CLIRunner.run(args)
            #expect(byHand.status == 0, "\(args): \(byHand.stderr)")
        }
        for folder in ["crops", "augmented"] {
            let a = try DatasetFolder(URL(fileURLWithPath: out).appendingPathComponent(folder)).load()
            let b = try DatasetFolder(URL(fileURLWithPath: hand).appendingPathComponent(folder)).load()
            #expect(a.records.map(\.sha256) == b.records.map(\.sha256) && !a.records.isEmpty, "\(folder)")
            #expect(a.order?.ids == b.order?.ids && a.quarantine?.map(\.record.id) == b.quarantine?.map(\.record.id))
        }
    }

    /// Flags a stage's command has that a pipeline sets itself or that do something else than run the stage
    /// (and one flag of another command that a help text names).
    static let commandOnly: [PipelineStage: Set<String>] = [
        .crop: ["--output"], .augment: ["--output", "--replay", "--replay-to"], .audit: [],
        .train: ["--output", "--json-lines", "--checkpoints"],   // --checkpoints: eval's, named in --keep-checkpoints' help
        .eval: ["--images", "--size"], .generate: ["--output"], .export: ["--output"],
    ]

    /// A flag added to a command without its key in the stage's settings (or the
    /// reverse) fails here, so the two cannot drift apart.
    @Test(arguments: PipelineStage.allCases)
    func configKeysAreTheCommandsFlags(_ stage: PipelineStage) throws {
        let help = try FlagsTableTests.flags(inHelpOf: [stage.rawValue]).subtracting(Self.commandOnly[stage]!)
        let hidden: Set<String> = stage == .train ? ["--threads"] : []
        #expect(Set(stage.settingKeys.map { "--" + $0 }).subtracting(hidden) == help)
    }
}
