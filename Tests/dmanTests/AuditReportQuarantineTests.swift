import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// After `--dedupe`, the HTML report shows every quarantined family (one
/// picture each, read from quarantine/), and the summary keeps the findings.
@Suite struct AuditReportQuarantineTests {
    @Test func reportListsEveryQuarantinedFileWithAThumbnail() throws {
        let tmp = TemporaryDirectory()
        #expect(try CLIRunner.run(["demo", "-o", tmp.url.path, "--sources-only", "--count", "40"]).status == 0)
        let crops = tmp.path("crops").path
        #expect(try CLIRunner.run(["crop", tmp.path("sources/manifest.json").path, "-o", crops, "--size", "32", "-q"]).status == 0)
        let report = tmp.path("report.html").path
        let r = try CLIRunner.run(["audit", crops, "--dedupe", "--order", "balanced", "--batch", "8", "--report", report])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try DatasetFolder(tmp.path("crops")).load()
        let moved = (doc.quarantine ?? []).map(\.record.file)
        #expect(!moved.isEmpty, "the demo set collects some pictures twice")
        #expect(r.stdout.contains("near_duplicates"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        // Crops are one-image families: every moved file is its family's picture.
        for file in moved { #expect(html.contains(">\(file) · family "), "\(file) missing from the report") }
        #expect(!html.contains("unreadable</div>"))
        #expect(html.contains("Moved to quarantine/"))
    }
}
