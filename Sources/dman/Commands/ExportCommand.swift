import ArgumentParser
import DmanCore
import Foundation

extension DatasetExport.Layout: ExpressibleByArgument {}

/// `dman export`: writes a dataset in another trainer's folder layout.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a dataset in the layout of PyTorch's ImageFolder or carpedm20's DCGAN-tensorflow.",
        discussion: """
        imagefolder: OUT/<label>/<file>.png. dcgan-tensorflow: OUT/<name>/*.png, for \
        `main.py --data_dir OUT --dataset <name> --input_fname_pattern '*.png'`; the audit's \
        balanced order, when present, is kept as a file-name prefix.
        """)

    @Argument(help: "Dataset folder (with dataset.json).", completion: .directory)
    var dataset: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output: String

    @Option(help: "Layout to write.")
    var layout: DatasetExport.Layout = .imagefolder

    @Option(help: "Dataset name (folder) for the dcgan-tensorflow layout.")
    var name = "dman"

    @OptionGroup var global: GlobalOptions

    /// The settings, read by DmanCore's one reader (the one a pipeline's `[export]` section goes through).
    func settings() throws -> DatasetExport.Settings { try readSettings(skipping: ["output"]) { try DatasetExport.Settings(settings: $0) } }

    func validate() throws { _ = try settings() }

    func run() throws {
        let console = global.console()
        let settings = try settings()
        do {
            let n = try DatasetExport.export(URL(fileURLWithPath: dataset), to: URL(fileURLWithPath: output),
                                             layout: settings.layout, name: settings.name)
            console.emitJSON(["files": n])
            console.say("\(n) images written to \(output) (\(layout.rawValue) layout)")
        } catch {
            throw console.fail(error)
        }
    }
}
