import Augment
import Crop
import DmanCore
import DmanPipeline
import DmanTestSupport
import Foundation
import GANCore
import Testing

/// Config values are read by the stage libraries before anything runs; a bad
/// one is a typed error naming the file, the stage and the key.
@Suite struct PipelineSettingsTests {
    static func refusal(_ toml: String) throws -> (stage: PipelineStage, error: SettingError, line: String)? {
        let f = try PipelineFixture(count: 2)
        do {
            _ = try PipelinePlan(manifest: f.manifest, root: f.tmp.path("out"), config: try f.config(toml))
            return nil
        } catch let error as PipelineError {
            guard case .setting(let file, let stage, let e) = error else { return nil }
            #expect(file?.hasSuffix("p.toml") == true)
            return (stage, e, error.description)
        }
    }

    @Test(arguments: [
        ("[augment]\nrotations = 'abc'", PipelineStage.augment, "rotations"),
        ("[augment]\nunsharp = '0x-1+1+0'", .augment, "unsharp"),
        ("[crop]\nmargin = -1", .crop, "margin"),
        ("[crop]\npad = 'wavy'", .crop, "pad"),
        ("[crop]\ncolour = 'red'", .crop, "colour"),
        ("[audit]\nbatch = 0", .audit, "batch"),
        ("[train]\nbatch = 0", .train, "batch"),
        ("[train]\ntime-limit = 'soon'", .train, "time-limit"),
        ("[train]\ndiffaugment = 'colour'", .train, "diffaugment"),
        ("[train]\nr1 = -1", .train, "r1"),
        ("[train]\nr1 = 0.01\nr1-every = 0", .train, "r1-every"),
        ("[train]\nr1 = 0.01\narch = 'fastgan'", .train, "r1"),
        ("[eval]\ncount = 1", .eval, "count"),
        ("[export]\nlayout = 'zip'", .export, "layout"),
    ])
    func badValueNamesStageAndKey(_ toml: String, _ stage: PipelineStage, _ key: String) throws {
        let r = try #require(try Self.refusal(toml))
        #expect(r.stage == stage && r.error.key == key, "\(r.line)")
        #expect(r.line.contains("p.toml: [\(stage.rawValue)] \(key)"), "\(r.line)")
    }

    /// Nothing is written when a later stage's setting is bad.
    @Test func badValueStopsBeforeAnyStageRuns() throws {
        let f = try PipelineFixture(count: 2)
        #expect(throws: PipelineError.self) {
            _ = try f.run(try f.config("[generate]\ncount = 0"))
        }
        #expect(!FileManager.default.fileExists(atPath: f.tmp.path("out/crops").path))
    }

    /// The lenient spellings a command line allows keep working: numbers as
    /// strings, `rotations = 5`, TOML digit separators, and `false` switches.
    @Test func valuesAreReadAsTheFlagsWouldBe() throws {
        let f = try PipelineFixture(count: 2)
        let config = try f.config("[crop]\nsize = '24'\n[augment]\nrotations = 5\nflip = false\nsize = 1_6\n")
        let plan = try PipelinePlan(manifest: f.manifest, root: f.tmp.path("out"), config: config, stages: [.crop, .augment])
        guard case .crop(let crop) = plan.steps[0].options, case .augment(let augment) = plan.steps[1].options else {
            Issue.record("stages out of order"); return
        }
        #expect(crop.size == 24)
        #expect(augment.plan.rotations == [-5, 0, 5] && !augment.plan.flip && augment.plan.size == 16)
        #expect(augment.plan.unsharp == (try UnsharpMask(parsing: "0x1+1+0.05")), "the pipeline's default stays")
        #expect(plan.steps[1].command.contains("--rotations") && !plan.steps[1].command.contains("--flip"))
    }

    /// The train stage's settings give the same configuration the recipe and flags give.
    @Test func trainSettingsApplyTheRecipeFirst() throws {
        let s = StageSettings([("recipe", .string("fewshot")), ("ema", .number(0.99)), ("keep-checkpoints", .number(2))])
        let t = try TrainSettings(settings: s)
        var expected = DCGANConfig()
        GANRecipe.fewshot.apply(to: &expected)
        expected.emaDecay = 0.99
        #expect(t.config == expected)
        let r1 = try TrainSettings(settings: StageSettings([("r1", .number(0.01)), ("r1-every", .number(8))]))
        #expect(r1.config.r1Gamma == 0.01 && r1.config.r1Interval == 8)
        // r1 = 0 turns the recipe's R1 off; on the fastgan architecture the recipe leaves it off, whichever key comes first.
        #expect(try TrainSettings(settings: StageSettings([("r1", .number(0))])).config.r1Gamma == nil)
        let orders: [[(key: String, value: JSONValue)]] = [[("recipe", .string("fewshot")), ("arch", .string("fastgan"))],
                                                          [("arch", .string("fastgan")), ("recipe", .string("fewshot"))]]
        for pairs in orders {
            let fastgan = try TrainSettings(settings: StageSettings(pairs)).config
            #expect(fastgan.r1Gamma == nil && fastgan.emaDecay == 0.999 && fastgan.resolvedArchitecture == .fastgan)
        }
    }

    /// A `[train]` section that names no recipe gets the recommended one; `dcgan` stays carpedm20's exactly.
    @Test func trainSettingsWithoutARecipeUseTheRecommendedOne() throws {
        var fewshot = DCGANConfig()
        GANRecipe.fewshot.apply(to: &fewshot)
        #expect(GANRecipe.recommended == .fewshot)
        #expect(fewshot.r1Gamma == 0.01 && fewshot.resolvedR1Interval == 16 && fewshot.emaDecay == 0.999)
        #expect(try TrainSettings(settings: StageSettings([])).config == fewshot)
        #expect(try TrainSettings(settings: StageSettings([("recipe", .string("dcgan"))])).config == DCGANConfig())
    }
}
