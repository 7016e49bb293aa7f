import ArgumentParser
import Crop
import Foundation
import WebUI

/// `dman label`: serves a page that draws the boxes of a crop manifest.
struct LabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Draw crop boxes on a folder of pictures in a local browser page; every edit is saved.",
        discussion: """
        Prints a URL with a random token; open it in a browser. Boxes are saved, atomically, to the \
        native crop manifest on every edit, in the oriented pixel coordinates `dman crop` uses; \
        rerunning resumes. The preview shows the square `dman crop` will cut with the same \
        --margin/--no-shift/--max-pad. Ctrl-C stops the server. Binds 127.0.0.1 unless --host is given.
        """)

    @Argument(help: "Folder of pictures to label.", completion: .directory)
    var pictures: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Manifest to write (default: PICTURES/manifest.json).", valueName: "file"))
    var output: String?

    @Option(help: "Port (default: a free one).")
    var port: UInt16 = 0

    @Option(help: "Address to bind instead of 127.0.0.1 (the page is then reachable from that network).")
    var host: String?

    @Option(help: "Comma-separated label names for keys 1-9.")
    var labels = "character"

    @Option(help: "Crop margin, as `dman crop --margin`.")
    var margin = CropOptions().margin

    @Option(help: "Warn above this padded fraction, as `dman crop --max-pad`.")
    var maxPad = CropOptions().maxPad

    @Flag(help: "Preview without shifting the square inside the picture (as `dman crop --no-shift`).")
    var noShift = false

    @Option(help: ArgumentHelp("Also keep an export in this format beside the manifest, rewritten on every save (MANIFEST-STEM.coco.json, MANIFEST-STEM.voc/, MANIFEST-STEM.yolo/).",
                               valueName: "format"))
    var format: ExportFormat?

    func validate() throws {
        let names = labels.split(separator: ",")
        if names.isEmpty || names.count > 9 { throw ValidationError("Please give --labels 1 to 9 comma-separated names.") }
        if !(margin >= 0) { throw ValidationError("Please give --margin a value of 0 or more.") }
        if !(maxPad >= 0 && maxPad <= 1) { throw ValidationError("Please give --max-pad a value between 0 and 1.") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: pictures, isDirectory: true).standardizedFileURL
        let manifest = output.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("manifest.json")
        let page = LocalPage(host: host, port: port)
        try page.run(place: folder) {
            let catalog = try PictureCatalog(folder: folder, manifestFolder: manifest.deletingLastPathComponent())
            guard !catalog.pictures.isEmpty else { throw WebUIError.noPictures(folder: folder.path) }
            let names = labels.split(separator: ",").map(String.init)
            let store = try LabelStore(catalog: catalog, manifestURL: manifest, export: format, labels: names)
            let settings = LabelSettings(labels: names, margin: margin, shift: !noShift, maxPad: maxPad)
            let renderer = PictureRenderer(cacheFolder: manifest.deletingLastPathComponent().appendingPathComponent(".dman-label-cache"))
            let exportNote = format.map { "every save also writes \($0.rawValue.uppercased()) to \(manifest.deletingPathExtension().path).\($0 == .coco ? "coco.json" : $0.rawValue)" }
            let imagesNote = catalog.needsImagesFolder ? "the manifest names pictures relative to \(folder.path): crop with --images \(folder.path)" : nil
            try page.serve(routes: { LabelRoutes(policy: $0, catalog: catalog, store: store, settings: settings, renderer: renderer) }) { url in
                ["labelling \(catalog.pictures.count) pictures into \(manifest.path)",
                 "open \(url)   (Ctrl-C stops; every edit is already saved)"] + [exportNote, imagesNote].compactMap { $0 }
            }
            page.console.say("stopped; boxes are in \(manifest.path)")
            if catalog.needsImagesFolder { page.console.say("crop them with: dman crop \(manifest.path) --images \(folder.path)") }
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
