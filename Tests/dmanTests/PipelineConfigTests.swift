import DmanTestSupport
import Foundation
import Testing

@Suite struct PipelineConfigTests {
    @Test func malformedTOMLNamesFileAndLine() throws {
        let tmp = TemporaryDirectory()
        let cfg = tmp.path("p.toml")
        try Data("[crop]\nsize = 64\nmargin = oops\n".utf8).write(to: cfg)
        let r = try CLIRunner.run(["pipeline", "m.json", "-o", tmp.path("out").path, "--config", cfg.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("p.toml: line 3"), "\(r.stderr)")
    }

    @Test func unknownStageIsRefused() throws {
        let tmp = TemporaryDirectory()
        let cfg = tmp.path("p.json")
        try Data(#"{"crop": {"size": 64}, "paint": {"x": 1}}"#.utf8).write(to: cfg)
        let r = try CLIRunner.run(["pipeline", "m.json", "-o", tmp.path("out").path, "--config", cfg.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("unknown stage [paint]"), "\(r.stderr)")
    }

    @Test func configFlagsReachTheStageAndRerunSkipsIt() throws {
        let tmp = TemporaryDirectory()
        #expect(try CLIRunner.run(["demo", "-o", tmp.url.path, "--sources-only", "--count", "6"]).status == 0)
        let cfg = tmp.path("p.toml")
        try Data("# TOML as TOMLKit reads it: literal strings, digit separators\n[crop]\nsize = 2_4\npad = 'edge'\nmargin = 0.15\n".utf8).write(to: cfg)
        let args = ["pipeline", tmp.path("sources/manifest.json").path, "-o", tmp.path("out").path, "--config", cfg.path,
                    "--stages", "crop"]
        let first = try CLIRunner.run(args)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("--margin 0.15 --pad edge --size 24"), "\(first.stdout)")   // keys sorted, as in JSON
        let dataset = try String(contentsOf: tmp.path("out/crops/dataset.json"), encoding: .utf8)
        #expect(dataset.contains("\"width\" : 24"))
        let second = try CLIRunner.run(args)
        #expect(second.stdout.contains("crop: done earlier, skipped"))
    }

    /// Issue 15: eval runs after train, and export when the config has an `[export]` section.
    @Test func evalAndExportStagesRunInTheirPlace() throws {
        let tmp = TemporaryDirectory()
        #expect(try CLIRunner.run(["demo", "-o", tmp.url.path, "--sources-only", "--count", "8"]).status == 0)
        let cfg = tmp.path("p.toml")
        try Data("""
            [crop]
            size = 32
            [augment]
            size = 32
            [audit]
            batch = 4
            [train]
            iterations = 2
            batch = 4
            gf = 8
            df = 8
            z-dim = 8
            [eval]
            count = 16
            [generate]
            count = 4
            [export]
            layout = 'imagefolder'
            """.utf8).write(to: cfg)
        let r = try CLIRunner.run(["pipeline", tmp.path("sources/manifest.json").path, "-o", tmp.path("out").path,
                                   "--config", cfg.path, "-j", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let order = ["▶ dman train", "▶ dman eval", "▶ dman generate", "▶ dman export"].map { r.stdout.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil }, "\(r.stdout)")
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "stages run in order")
        #expect(r.stdout.contains("swd"), "eval printed its table")
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: tmp.path("out/.pipeline/eval.json").path))
        #expect(!(try fm.contentsOfDirectory(atPath: tmp.path("out/export").path)).isEmpty)
        let again = try CLIRunner.run(["pipeline", tmp.path("sources/manifest.json").path, "-o", tmp.path("out").path,
                                       "--config", cfg.path, "-j", "2"])
        #expect(again.stdout.contains("eval: done earlier, skipped") && again.stdout.contains("export: done earlier, skipped"), "\(again.stdout)")
    }
}
