import ArgumentParser
import Crop
import DmanCore
import Foundation

extension ManifestFormat: ExpressibleByArgument {}

/// `dman crop MANIFEST -o OUT`: square crops from a bounding-box manifest.
struct CropCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crop",
        abstract: "Cut square crops around annotated boxes, grown into real context (never black bands).",
        discussion: """
        MANIFEST is a native dman JSON manifest, COCO instances JSON, CreateML JSON, a Label Studio \
        JSON export, a Pascal VOC .xml file or folder, or a YOLO .txt file or folder (with classes.txt); \
        the format is detected unless --format is given. The output folder receives <source stem>_<box \
        index>.png files and dataset.json. Rerunning the same command keeps finished crops.
        Exit codes: 0 done; 1 fatal; 2 finished but some items were reported as errors; 64 bad usage.
        """
    )

    @Argument(help: ArgumentHelp("Annotation file or folder.", valueName: "manifest"), completion: .file())
    var manifest: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Output dataset folder.", valueName: "dir"), completion: .directory)
    var output = "crops"

    @Option(help: "Manifest format (default: detected).")
    var format: ManifestFormat?

    @Option(help: ArgumentHelp("Extra folder searched first for pictures.", valueName: "dir"), completion: .directory)
    var images: String?

    @Option(help: ArgumentHelp("Dataset root picture paths must stay inside (default: the manifest's folder, or the parent of a VOC/YOLO folder).", valueName: "dir"), completion: .directory)
    var root: String?

    @Flag(help: "Accept picture paths outside the root (../, absolute paths, symbolic links).")
    var allowOutside = false

    @Option(help: ArgumentHelp("Square side = longer box side × (1 + margin).", valueName: "fraction"))
    var margin = 0.1

    @Option(help: ArgumentHelp("Fill where the square leaves the picture: fade, mirror, edge, blur or color:<#RRGGBB|name>.", valueName: "mode"))
    var pad = "fade"

    @Flag(help: "Keep the square centred on the box instead of shifting it inside the picture.")
    var noShift = false

    @Flag(help: "Keep the whole margin and pad, instead of giving up margin (down to none) where the square leaves the picture.")
    var keepMargin = false

    @Option(help: ArgumentHelp("Warn when more than this fraction of a crop is padding.", valueName: "fraction"))
    var maxPad = 0.25

    @Option(help: ArgumentHelp("Resize crops to N×N pixels (Lanczos).", valueName: "n"))
    var size: Int?

    @Flag(help: "Decode JPEGs at full size even when every crop is downscaled a lot (slower; otherwise the 1/2-1/8 decode is recorded as jpegReduction).")
    var fullDecode = false

    @Option(help: ArgumentHelp("Colour transparent pixels are flattened onto.", valueName: "color"))
    var background = "white"

    @Flag(help: "Keep the alpha channel instead of flattening it.")
    var keepAlpha = false

    @Option(name: .customLong("label"), help: ArgumentHelp("Only crop boxes with this label (repeatable).", valueName: "name"))
    var labels: [String] = []

    @Option(help: ArgumentHelp("Skip boxes whose longer side is below this many pixels (with a warning).", valueName: "px"))
    var minSize = 0.0

    @Flag(help: "Clip boxes that extend outside the picture instead of refusing them.")
    var clip = false

    @Flag(help: "Stop at the first bad item.")
    var strict = false

    @Flag(help: "Rebuild from nothing: move an existing output folder aside to DIR.before-rebuild-N (never deleted) first.")
    var force = false

    @Option(help: ArgumentHelp("Handle only slice I of N of the pictures (for job arrays); join the outputs with dman merge.", valueName: "I/N"))
    var shard: String?

    @OptionGroup(title: "Common options")
    var global: GlobalOptions

    /// The options, read by Crop's one settings reader (the one a pipeline's `[crop]` section goes through).
    func options() throws -> CropOptions {
        var options = try readSettings(skipping: ["output"], renamed: ["labels": "label"]) { try CropOptions(settings: $0) }
        options.jobs = global.resolvedJobs
        return options
    }

    func validate() throws { _ = try options() }

    func run() throws {
        let console = global.console()
        let options = try options()
        let cropper = Cropper(manifest: URL(fileURLWithPath: manifest), output: URL(fileURLWithPath: output), options: options)
        let summary: CropSummary
        do { summary = try cropper.run(progress: console.progressHandler) } catch {
            throw console.fail(error)
        }
        console.finishProgress()
        var shown = summary
        shown.errors = summary.failures.map { ErrorPresenter.line(for: $0) }
        console.emitJSON(shown)
        console.say(summary.line)
        if summary.failed > 0 { throw DmanExit.finishedWithErrors }
    }
}
