import DmanCore
import DmanTestSupport
import Foundation
import GANCore
import Testing

/// Issue 12 inside the trainer: adaptive augmentation, TTUR, the
/// time limit, explicit iterations and the final outputs of any run.
@Suite(.serialized) struct FewShotTrainingTests {
    static func config(iterations: Int?) -> DCGANConfig {
        var c = ResumeTests.config(iterations: iterations ?? 1)
        c.iterations = iterations
        c.diffAugment = DiffAugmentPolicy([.translation, .cutout])
        c.adaTarget = 0.6
        c.loss = .hinge
        c.generatorSteps = 1
        c.generatorLearningRate = 1e-4
        c.discriminatorLearningRate = 4e-4
        c.modeCheckCount = 16
        return c
    }

    static func hash(_ image: PixelImage) -> UInt64 {
        UInt64(truncatingIfNeeded: image.pixels.reduce(0) { $0 &* 31 &+ Int($1) })
    }

    @Test func adaResumesBitExactAndIsLogged() throws {
        let tmp = TemporaryDirectory("gan-fewshot-resume")
        let data = try ResumeTests.data()
        let whole = try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("whole"))
        #expect(try whole.run() == 7)
        let part = try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("part"))
        #expect(try part.run { if case .iteration(let r) = $0, r.step == 4 { part.requestStop() } } == 4)
        #expect(try GANTrainer(config: Self.config(iterations: 7), data: data, runFolder: tmp.path("part")).run() == 7)
        let a = try SafeTensors(decoding: Data(contentsOf: RunFolder(tmp.path("whole")).checkpointURL(step: 7)))
        let b = try SafeTensors(decoding: Data(contentsOf: RunFolder(tmp.path("part")).checkpointURL(step: 7)))
        #expect(a.metadata == b.metadata && a.metadata["ada"] != nil)
        let differing = a.names.filter { a.entries[$0]?.bytes != b.entries[$0]?.bytes }
        #expect(differing.isEmpty, "tensors differ after resume: \(differing)")
        let rows = try String(contentsOf: tmp.path("whole/losses.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows[0].hasSuffix(",modes_real,augment_p,r1"))
        #expect(rows.dropFirst().allSatisfy { Double($0.split(separator: ",").last!) != nil })
    }

    @Test func eachNewPieceChangesTraining() throws {
        let data = try ResumeTests.data()
        func finalG(_ edit: (inout DCGANConfig) -> Void) throws -> Data {
            let tmp = TemporaryDirectory("gan-fewshot-effect")
            var c = ResumeTests.config(iterations: 3)
            c.diffAugment = DiffAugmentPolicy([.translation, .cutout])
            edit(&c)
            try GANTrainer(config: c, data: data, runFolder: tmp.url).run()
            let st = try SafeTensors(decoding: Data(contentsOf: RunFolder(tmp.url).checkpointURL(step: 3)))
            return st.entries["g_h1.weight"]!.bytes
        }
        let plain = try finalG { _ in }
        #expect(try finalG { $0.adaTarget = 0.6 } != plain, "ADA starts at p = 0: no augmentation")
        #expect(try finalG { $0.discriminatorLearningRate = 1e-3 } != plain)
        #expect(try finalG { $0.generatorLearningRate = $0.learningRate } == plain, "--lr-g equal to --lr changes nothing")
    }

    @Test func timeLimitStopsTrainingAndStillWritesEveryOutputThenResumes() throws {
        let tmp = TemporaryDirectory("gan-time-limit")
        let data = try ResumeTests.data()
        var c = Self.config(iterations: nil)
        c.checkpointEvery = 0; c.sampleEvery = 0
        let trainer = try GANTrainer(config: c, data: data, runFolder: tmp.url)
        trainer.modeHash = Self.hash
        trainer.timeLimit = 0.5
        var start: TrainingStart?, limitAt: (Int, Double)?, modesAt: Int?, memorised = false, sample: URL?
        let step = try trainer.run { event in
            switch event {
            case .started(let s): start = s
            case .timeLimitReached(let s, let seconds): limitAt = (s, seconds)
            case .modes(let s, _): modesAt = s
            case .memorisation: memorised = true
            case .sampleWritten(_, let url): sample = url
            default: break
            }
        }
        #expect(start?.targetStep == nil && start?.timeTarget == 0.5, "only the time bounds the run")
        #expect(step > 0 && limitAt?.0 == step && (limitAt?.1 ?? 0) >= 0.5)
        let run = RunFolder(tmp.url)
        #expect(run.checkpoints().map(\.step) == [step])
        #expect(sample == run.sampleURL(step: step) && FileManager.default.fileExists(atPath: run.sampleURL(step: step).path))
        #expect(modesAt == step && memorised)
        let csv = try String(contentsOf: tmp.path("losses.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.count == step + 1 && csv.last!.split(separator: ",", omittingEmptySubsequences: false)[8] != "")

        // A larger limit resumes from the checkpoint and counts the time already trained.
        let again = try GANTrainer(config: c, data: data, runFolder: tmp.url)
        again.timeLimit = 1.0
        var resumed: TrainingStart?
        let more = try again.run { if case .started(let s) = $0 { resumed = s } }
        #expect(resumed?.step == step && (resumed?.elapsedSeconds ?? 0) >= 0.5 && resumed?.resumedFrom != nil)
        #expect(more > step)
    }

    /// The loss curve carries its title, axis labels and legend, and the
    /// augmentation probability's right-hand axis only when ADA is on.
    @Test func lossCurveHasTitleLegendAndTheAugmentationAxisWhenUsed() throws {
        func curve(_ ada: Bool) throws -> PixelImage {
            let tmp = TemporaryDirectory("gan-fewshot-curve")
            var c = Self.config(iterations: 4)
            if !ada { c.adaTarget = nil }
            try GANTrainer(config: c, data: try ResumeTests.data(), runFolder: tmp.url).run()
            return try ImageCodec.decode(Data(contentsOf: tmp.path("loss-curve.png"))).image
        }
        let with = try curve(true), without = try curve(false)
        func count(_ img: PixelImage, _ colour: [UInt8], rows: Range<Int>) -> Int {
            rows.reduce(0) { n, y in n + (0..<img.width).filter { img[$0, y] == colour }.count }
        }
        let purple: [UInt8] = [148, 103, 189]
        #expect(count(with, [0, 0, 0], rows: 0..<30) > 100, "title drawn in black above the plot")
        #expect(count(with, [0, 0, 0], rows: (with.height - 25)..<with.height) > 50, "x axis title")
        #expect(count(with, purple, rows: 0..<with.height) > 200 && count(without, purple, rows: 0..<without.height) == 0)
        #expect(count(without, [31, 119, 180], rows: 0..<without.height) > 20, "d loss series and its legend swatch")
    }

    /// The R1 penalty, logged every few iterations, is one joined red series with a legend entry, on its own
    /// red right-hand axis: values a hundred times smaller than the losses still span the plot's height.
    @Test func lossCurveDrawsTheR1PenaltyOnItsOwnAxisWhenUsed() {
        func record(_ step: Int, r1: Double?, p: Double? = nil) -> IterationRecord {
            var losses = IterationLosses(discriminatorReal: 0.6, discriminatorFake: 0.6, generator: 1)
            losses.r1Penalty = r1
            losses.augmentProbability = p
            return IterationRecord(step: step, epoch: 0, batch: step, batchesPerEpoch: 100, losses: losses, seconds: 0.1)
        }
        let red: [UInt8] = [214, 39, 40], purple: [UInt8] = [148, 103, 189]
        func pixels(_ img: PixelImage, _ colour: [UInt8], columns: Range<Int>) -> [(Int, Int)] {
            (0..<img.height).flatMap { y in columns.filter { img[$0, y] == colour }.map { ($0, y) } }
        }
        // R1 0.010 … 0.025 at steps 1, 17, 33, 49; losses 1.2 (D) and 1 (G).
        let r1 = { (step: Int) in step % 16 == 1 ? 0.01 + Double(step) / 64 * 0.02 : nil }
        let with = LossCurve.draw((1...64).map { record($0, r1: r1($0)) })
        let without = LossCurve.draw((1...64).map { record($0, r1: nil) })
        #expect(pixels(with, red, columns: 0..<800).count > 400 && pixels(without, red, columns: 0..<800).isEmpty,
                "a joined line across 48 steps, its axis and the legend swatch")
        // Left of the legend (top right) only the series is red: steps 1 to ≈ 43, R1 0.010 to 0.024, are 0.4 of
        // a 0–0.03 axis, ≈ 140 of the plot's 314 px; on the 0–1.2 loss axis they would be 3 px.
        let series = pixels(with, red, columns: 71..<480).map(\.1)
        #expect((series.max() ?? 0) - (series.min() ?? 0) > 80)
        #expect(pixels(with, red, columns: 750..<800).count > 30, "tick values right of the plot, in red")
        // With the augmentation probability as well, each has its own axis and both are labelled right of the plot.
        let both = LossCurve.draw((1...64).map { record($0, r1: r1($0), p: Double($0) / 64) })
        #expect(pixels(both, red, columns: 740..<800).count > 30 && pixels(both, purple, columns: 680..<740).count > 30)
    }

    @Test func explicitIterationsAreNotCutByTheDefaultEpochs() {
        var c = DCGANConfig()
        c.iterations = 1000
        #expect(c.iterationBudget(batchesPerEpoch: 5, timeLimited: false) == 1000)
        c.epochs = 3
        #expect(c.iterationBudget(batchesPerEpoch: 5, timeLimited: false) == 15)
        c.iterations = nil; c.epochs = nil
        #expect(c.iterationBudget(batchesPerEpoch: 5, timeLimited: false) == DCGANConfig.defaultEpochs * 5)
        #expect(c.iterationBudget(batchesPerEpoch: 5, timeLimited: true) == nil)
    }
}
