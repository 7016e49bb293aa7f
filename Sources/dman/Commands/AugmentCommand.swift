import ArgumentParser
import Augment
import DmanCore
import Foundation

/// `dman augment IN [-o OUT]`: rotations without blank corners, unsharp mask,
/// flips, zooms, shifts and gentle colour jitter, with exact provenance.
struct AugmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "augment",
        abstract: "Make augmented variants of every picture, each with the exact parameters in its record.",
        discussion: """
        The plan is a product of variant sets (count known before running) plus optional \
        seeded random draws. Outputs are <stem>_<variant>.png plus <stem>_orig.png. \
        Rerun the same command to resume. Example: \
        dman augment crops -o aug --rotations ±5 --unsharp 0x1+1+0.05 --flip --size 64
        """)

    @Argument(help: ArgumentHelp("Dataset folder (with dataset.json) or any folder of pictures.", valueName: "in"),
              completion: .directory)
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Output dataset folder (default: <in>-augmented).", valueName: "out"))
    var output: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Angles: ±A (also +-A, A) or a list such as -6,-3,0,3,6.", valueName: "angles"))
    var rotations: String?

    @Option(help: ArgumentHelp("Angles per side for ±A (2 → −A, −A/2, 0, A/2, A).", valueName: "k"))
    var rotationSteps = 1

    @Option(help: "How rotations, zoom-outs and shifts fill the canvas: edge, mirror, or crop (zoom to the largest inscribed square).")
    var rotationFill: FillChoice = .edge

    @Option(help: ArgumentHelp("Unsharp mask RADIUSxSIGMA+GAIN+THRESHOLD (ImageMagick -unsharp), added as off/on.", valueName: "geometry"))
    var unsharp: String?

    @Flag(help: "Apply --unsharp to every output instead of adding it as a variant.")
    var unsharpOnly = false

    @Flag(help: "Add horizontal mirrors.")
    var flip = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Zoom factors, e.g. 0.95,1,1.05.", valueName: "list"))
    var scales: String?

    @Option(help: ArgumentHelp("Shift variants of PX pixels right, left, down and up.", valueName: "px"))
    var shifts: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Brightness jitter per output, e.g. ±3% (off by default).", valueName: "pct"))
    var brightness: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Saturation jitter per output, e.g. ±3% (off by default).", valueName: "pct"))
    var saturation: String?

    @Option(help: ArgumentHelp("Random draws per picture from the enabled ranges.", valueName: "n"))
    var random = 0

    @Flag(help: "Only the random draws, no grid.")
    var randomOnly = false

    @Option(help: "Seed of every random draw (same seed, same bytes for any --jobs).")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Final size of the longer side (Lanczos).", valueName: "n"))
    var size: Int?

    @Flag(help: "Do not write <stem>_orig.png for each source.")
    var noOriginals = false

    @Option(help: ArgumentHelp("Write a contact sheet (a few sources × all variants) here; also with --dry-run.",
                               valueName: "sheet.png"))
    var preview: String?

    @Option(help: ArgumentHelp("Sources on the contact sheet.", valueName: "n"))
    var previewSources = 4

    @Option(help: ArgumentHelp("Handle only slice I of N of the sources (for job arrays); join the outputs with dman merge.", valueName: "I/N"))
    var shard: String?

    @Option(help: "Pixel engine: auto (native kernels where they match ImageMagick, else MagickWand) or magick (MagickWand for every step, the CLI's exact pixels).")
    var engine: Rendering.Engine = .automatic

    @Flag(help: "Print the plan and the count; write no outputs.")
    var dryRun = false

    @Flag(help: "Stop at the first bad picture.")
    var strict = false

    @Flag(help: "Rebuild from nothing: move an existing output folder aside to OUT.before-rebuild-N (never deleted) first.")
    var force = false

    @Option(help: ArgumentHelp("Re-render one output from its record (record JSON, a JSON file, or an id in <out>/dataset.json) and compare bytes.",
                               valueName: "record"))
    var replay: String?

    @Option(help: ArgumentHelp("With --replay: write the re-rendered PNG here.", valueName: "file.png"))
    var replayTo: String?

    @OptionGroup var global: GlobalOptions

    enum FillChoice: String, ExpressibleByArgument, CaseIterable {
        case edge, mirror, crop
    }
}

extension Rendering.Engine: ExpressibleByArgument {}

extension AugmentCommand {

    func validate() throws {
        if replayTo != nil && replay == nil { throw ValidationError("Please use --replay-to together with --replay.") }
        _ = try options()
    }

    /// The run, read by Augment's one settings reader (the one a pipeline's `[augment]` section goes through).
    func options() throws -> AugmentOptions {
        let inURL = URL(fileURLWithPath: input).standardizedFileURL
        let outURL = output.map { URL(fileURLWithPath: $0).standardizedFileURL }
            ?? inURL.deletingLastPathComponent().appendingPathComponent(inURL.lastPathComponent + "-augmented")
        var options = try readSettings(skipping: ["output", "replay", "replay-to"]) {
            try AugmentOptions(input: inURL, output: outURL, settings: $0)
        }
        options.jobs = global.resolvedJobs
        return options
    }

    func run() throws {
        let console = global.console()
        let options = try options()
        if let replay { return try runReplay(replay, input: options.input, output: options.output, console: console) }
        let plan = options.plan
        if dryRun { describe(plan, console) }
        let summary: AugmentSummary
        do { summary = try Augmenter.run(options, progress: console.progressHandler) } catch {
            throw console.fail(error)
        }
        console.finishProgress()
        console.emitJSON(summary)
        Self.render(summary, console: console)
        if summary.failedSources > 0 { throw DmanExit.finishedWithErrors }
    }

    /// The summary lines of a run (also the pipeline's augment stage).
    static func render(_ summary: AugmentSummary, console: Console) {
        if summary.dryRun {
            console.say(summary.count)
            if let p = summary.preview { console.say("preview: \(p)") }
            return
        }
        var line = "augment: \(summary.written) written, \(summary.resumed) already done, "
            + "\(summary.failedSources) sources failed (\(summary.count)) → \(summary.output)"
        if summary.keptInQuarantine > 0 { line += ", \(summary.keptInQuarantine) left in quarantine/" }
        line += String(format: " in %.1fs", summary.seconds)
        if let aside = summary.movedAside { console.say("moved the earlier \(summary.output) aside to \(aside)") }
        if let p = summary.preview { line += "; preview \(p)" }
        console.say(line)
        if summary.stale > 0 {
            console.warning("\(summary.output): \(summary.stale) records of an earlier plan were dropped from dataset.json (their files remain)")
        }
        if let full = summary.outOfSpace {
            console.error("\(full): the disk is full, stopped with \(summary.skippedSources) sources not attempted; "
                          + "free space and rerun the same command to finish (written outputs are kept)")
        }
    }

    private func describe(_ plan: AugmentPlan, _ console: Console) {
        console.say("plan: \(plan.gridVariants.count) grid variants + \(plan.randomDraws) random draws per source"
            + (plan.size.map { ", longer side resized to \($0) px" } ?? ""))
        for v in plan.gridVariants {
            console.say("  \(v.name): " + v.steps.map { step in
                let json = (try? JSONEncoder().encode(step.applied.parameters)).map { String(decoding: $0, as: UTF8.self) } ?? ""
                return "\(step.name) \(json)"
            }.joined(separator: ", "))
        }
    }

    /// `--replay`: re-renders one output from its record and compares bytes.
    private func runReplay(_ text: String, input: URL, output: URL, console: Console) throws {
        let check: ReplayCheck
        do {
            check = try ReplayCheck.run(reference: text, input: input, output: output, engine: engine,
                                        writeTo: replayTo.map { URL(fileURLWithPath: $0) })
        } catch { throw console.fail(error) }
        guard check.identical else {
            throw console.fail(AugmentError.replay(detail: "\(check.id): sha256 \(check.sha256) differs from the recorded \(check.recorded)"))
        }
        console.emitJSON(check)
        console.say("replayed \(check.id): bytes identical to the record (engine \(check.engine), sha256 \(check.sha256.prefix(16))…)")
    }
}
