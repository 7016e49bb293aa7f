import ArgumentParser
import DatasetAudit
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
        DATASET/audit.json when present). Thumbnails are cached in PARENT/.NAME.dman-review-cache/. \
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
        var report: AuditReport?
        if audit != nil || FileManager.default.fileExists(atPath: reportURL.path) {
            do { report = try JSONDecoder().decode(AuditReport.self, from: Data(contentsOf: reportURL)) } catch {
                FileHandle.standardError.write(Data("error: \(reportURL.path): not a dman audit --json report (\(error))\n".utf8))
                throw DmanExit.fatal
            }
        }
        do {
            let store = try ReviewStore(folder: folder, audit: report)
            let cache = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).dman-review-cache")
            let policy = AccessPolicy(token: AccessPolicy.randomToken(), extraHost: host)
            let routes = ReviewRoutes(policy: policy, store: store, renderer: PictureRenderer(cacheFolder: cache))
            let server = try PageServer(host: host ?? "127.0.0.1", port: port, routes: routes)
            let shownHost = host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? "127.0.0.1"
            let findingsNote = report == nil ? "" : " with the findings of \(reportURL.lastPathComponent)"
            try server.serveUntilInterrupted { port in
                FileHandle.standardOutput.write(Data("""
                    reviewing \(store.count) pictures of \(folder.path)\(findingsNote)
                    open http://\(shownHost):\(port)/?token=\(policy.token)   (Ctrl-C stops; every change is already on disk)

                    """.utf8))
            }
            print("stopped; rejected pictures are in \(folder.appendingPathComponent("quarantine").path) (dman audit --restore puts them back)")
        } catch let error as WebUIError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw DmanExit.fatal
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("error: \(folder.path): \(error)\n".utf8))
            throw DmanExit.fatal
        }
    }
}
