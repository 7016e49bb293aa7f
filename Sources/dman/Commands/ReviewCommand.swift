import ArgumentParser
import DatasetAudit
import DmanCore
import Foundation
import WebUI

/// `dman review`: serves a page to reject and restore the pictures of a dataset folder.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Look through a dataset folder in a local browser page and reject or restore pictures and families.",
        discussion: """
        Prints a URL with a random token; open it in a browser. One tile per family (expand it to see \
        its augmentations); rejecting moves files to DATASET/quarantine/ through the same journal as \
        `dman audit --dedupe`, at once, so `dman audit --restore` undoes it byte for byte and a killed \
        server loses nothing. Findings come from a `dman audit DATASET --json` report (--audit, default \
        DATASET/audit.json when present). Thumbnails are cached in DATASET/.dman-review-cache/. \
        Ctrl-C stops the server. Binds 127.0.0.1 unless --host is given.
        """)

    @Argument(help: "Dataset folder (with dataset.json) to review.", completion: .directory)
    var dataset: String

    @Option(help: ArgumentHelp("A `dman audit --json` report of this dataset, to show and filter its findings.", valueName: "file"),
            completion: .file(extensions: ["json"]))
    var audit: String?

    @Option(help: "Port (default: a free one).")
    var port: UInt16 = 0

    @Option(help: "Address to bind instead of 127.0.0.1 (the page is then reachable from that network).")
    var host: String?

    func run() throws {
        let folder = URL(fileURLWithPath: dataset, isDirectory: true).standardizedFileURL
        let reportURL = audit.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("audit.json")
        let page = LocalPage(host: host, port: port)
        var report: AuditReport?
        if audit != nil || FileManager.default.fileExists(atPath: reportURL.path) {
            do { report = try JSONDecoder().decode(AuditReport.self, from: InputFile.read(reportURL)) } catch {
                throw page.console.fail(WebUIError.notAnAuditReport(file: reportURL.path, detail: JSONDiagnostics.describe(error)))
            }
        }
        try page.run(place: folder) {
            let store = try ReviewStore(folder: folder, audit: report)
            let renderer = PictureRenderer(cacheFolder: folder.appendingPathComponent(".dman-review-cache"))
            let findingsNote = report == nil ? "" : " with the findings of \(reportURL.lastPathComponent)"
            try page.serve(routes: { ReviewRoutes(policy: $0, store: store, renderer: renderer) }) { url in
                ["reviewing \(store.count) pictures of \(folder.path)\(findingsNote)",
                 "open \(url)   (Ctrl-C stops; every change is already on disk)", ""]
            }
            page.console.say("stopped; rejected pictures are in \(folder.appendingPathComponent("quarantine").path) (dman audit --restore puts them back)")
        }
    }
}
