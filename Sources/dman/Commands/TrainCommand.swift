import ArgumentParser
import DmanCore
import Foundation
import GANCore

/// `dman train`: a DCGAN on a dataset folder, resumable, with the issue-6 extras.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a DCGAN on a dataset folder or a folder of images (rerun to resume and train more).",
        discussion: """
        The run folder holds config.json, samples/, checkpoints/ (safetensors), losses.csv, loss-curve.png \
        and nearest.png. Rerunning the same command resumes from the newest checkpoint; when that already \
        reached the target, it trains the same number of iterations more. Ctrl-C writes a checkpoint and \
        exits with 130. --time-limit 20m (90s, 2h) stops at the first iteration after that much training \
        (counted over every run of the folder) and writes the checkpoint, the final sample grid, the mode \
        count and nearest.png. The default --recipe fewshot is --diffaugment translation,cutout --ema 0.999 \
        --r1 0.01 on carpedm20's DCGAN (R1 with --arch dcgan only; --r1 0 turns it off), chosen by experiment \
        at equal wall-clock (bench/gan-quality/README.md); --recipe dcgan is carpedm20's DCGAN exactly, for \
        parity. Flags given explicitly override the recipe.
        """
    )

    @Argument(help: ArgumentHelp("Dataset folder (dataset.json) or folder of images.", valueName: "dataset"), completion: .directory)
    var dataset: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Run folder (default: DATASET-run).", valueName: "dir"), completion: .directory)
    var output: String?

    @Option(help: ArgumentHelp("Image size: 32, 64, 128 or 256 (default: the images' size).", valueName: "px"))
    var size: Int?
    @Option(help: ArgumentHelp("Length of z.", valueName: "n")) var zDim = 100
    @Option(help: "Training recipe: fewshot (default: DiffAugment translation,cutout, EMA 0.999 and R1 0.01 on carpedm20's DCGAN) or dcgan (carpedm20's exactly); explicit flags override it.")
    var recipe: GANRecipe = .recommended
    @Option(help: "Networks: dcgan (carpedm20's) or fastgan (skip-layer excitation in G, a reconstruction decoder in D).")
    var arch: GANArchitecture = .dcgan
    @Option(help: "FastGAN generator's upsampling: transposed (conv 5×5, stride 2; default) or nearest (+ conv 3×3).")
    var gUpsample: GeneratorUpsampling?
    @Option(help: "Distribution of z (default: the recipe's; dcgan: uniform).") var zDist: DCGANConfig.ZDistribution?
    @Option(help: ArgumentHelp("Generator width.", valueName: "n")) var gf = 64
    @Option(help: ArgumentHelp("Discriminator width.", valueName: "n")) var df = 64
    @Option(help: ArgumentHelp("Images per minibatch.", valueName: "n")) var batch = 64
    @Option(help: ArgumentHelp("Epochs to train (default 25 unless --iterations or --time-limit is given).", valueName: "n"))
    var epochs: Int?
    @Option(help: ArgumentHelp("Stop after this many iterations (with --epochs: whichever comes first).", valueName: "n"))
    var iterations: Int?
    @Option(help: ArgumentHelp("Stop at the first iteration after this much training: 90s, 20m, 2h (rerun to train as long again).",
                               valueName: "duration"))
    var timeLimit: TimeLimit?
    @Option(help: ArgumentHelp("Adam learning rate.", valueName: "x")) var lr: Float = 2e-4
    @Option(help: ArgumentHelp("G's learning rate (default: --lr; TTUR when it differs from --lr-d).", valueName: "x")) var lrG: Float?
    @Option(help: ArgumentHelp("D's learning rate (default: --lr).", valueName: "x")) var lrD: Float?
    @Option(help: ArgumentHelp("Adam β1.", valueName: "x")) var beta1: Float = 0.5
    @Option(help: ArgumentHelp("Generator updates per discriminator update (default: the recipe's; dcgan: 2).", valueName: "n"))
    var gSteps: Int?
    @Option(help: ArgumentHelp("Seed of weights, data order, z and augmentation.", valueName: "n")) var seed: UInt64 = 0
    @Option(help: ArgumentHelp("Old spelling of --jobs (hidden; kept for one release).", valueName: "n", visibility: .hidden)) var threads: Int?
    @Option(help: ArgumentHelp("Sample grid (and mode count) every N iterations; 0 = never.", valueName: "n")) var sampleEvery = 200
    @Option(help: ArgumentHelp("Checkpoint every N iterations; 0 = only at the end.", valueName: "n")) var checkpointEvery = 200
    @Option(help: ArgumentHelp("Checkpoints kept (0 = all, for `dman eval --checkpoints all`).", valueName: "n")) var keepCheckpoints = 2
    @Option(help: ArgumentHelp("Shell pattern of images in a plain folder.", valueName: "glob")) var pattern: String?
    @Flag(help: "Centre-crop and resample images of another size instead of refusing them.") var resize = false
    @Option(help: ArgumentHelp("DiffAugment policies, comma-separated: color,translation,cutout.", valueName: "list"))
    var diffaugment: String?
    @Option(help: ArgumentHelp("Keep an EMA of G's weights with this decay (e.g. 0.999); used for samples and generate.", valueName: "decay"))
    var ema: Float?
    @Flag(help: "Use the EMA decay from the first iteration (default: ramp up as min(decay, (1+t)/(10+t))).")
    var noEmaWarmup = false
    @Option(help: "Adversarial loss: bce or hinge (default: the recipe's; dcgan: bce).") var loss: GANLoss?
    @Flag(help: "Spectral normalisation of D's conv and linear weights.") var spectralNorm = false
    @Option(help: ArgumentHelp("Adapt the DiffAugment probability to this target of E[sign D(real)] (ADA; e.g. 0.6).", valueName: "x"))
    var adaTarget: Double?
    @Option(help: ArgumentHelp("R1 penalty γ on real images (StyleGAN2's lazy R1; default: the recipe's, fewshot 0.01; 0 = off); dcgan architecture only.",
                               valueName: "gamma"))
    var r1: Float?
    @Option(help: ArgumentHelp("Apply R1 every N D steps, its gradient times N (default 16).", valueName: "n")) var r1Every: Int?
    @Flag(help: "Skip the mode-collapse detector.") var noModeCheck = false
    @Flag(help: "Stream one JSON object per training event on stdout (--json prints one document at the end).")
    var jsonLines = false

    @OptionGroup var global: GlobalOptions

    /// The run's settings, read by GANCore's one reader (the one a pipeline's `[train]` section goes through).
    func settings() throws -> TrainSettings {
        var settings = try readSettings(skipping: ["output", "json-lines"]) { try TrainSettings(settings: $0) }
        settings.config.threads = settings.config.threads ?? global.jobs
        return settings
    }

    func validate() throws { _ = try settings() }

    func run() throws {
        let console = Console(json: global.json || jsonLines, quiet: global.quiet)
        let folder = URL(fileURLWithPath: dataset)
        let runURL = URL(fileURLWithPath: output ?? (folder.standardizedFileURL.path + "-run"))
        let settings = try settings()
        do {
            let trainer = try settings.trainer(dataset: folder, runFolder: runURL)
            if settings.modeCheck { trainer.modeHash = GANHash.phash; trainer.modeThreshold = GANHash.threshold }
            let renderer = TrainingRenderer(console: console, stream: jsonLines)
            signal(SIGINT, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler {
                console.warning("interrupted: stopping after this iteration and writing a checkpoint")
                trainer.requestStop()
            }
            source.resume()
            var stopped = false
            let step = try trainer.run { event in
                if case .finished(_, let s) = event { stopped = s }
                renderer.handle(event)
            }
            source.cancel()
            if !jsonLines { console.emitJSON(renderer.document(run: runURL, step: step, stopped: stopped)) }
            console.say("\(stopped ? "stopped" : "trained") at step \(step): \(runURL.path)")
            if stopped { throw ExitCode(130) }
        } catch let error as GANError {
            throw console.fail(error)
        }
    }
}
