import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct HTMLReportTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Two families holding the same pure red picture (an exact-duplicate cluster).
    static func redReport(_ dir: TemporaryDirectory) throws -> (String, HTMLReport.Summary) {
        var red = PixelImage(width: 40, height: 40)
        for i in 0..<red.area { red.pixels[i * 3] = 255 }
        try AuditFixtures.writePNG(red, dir.url, "red1.png")
        try AuditFixtures.writePNG(red, dir.url, "red2.png")
        try AuditFixtures.writePNG(AuditFixtures.picture(1), dir.url, "other.png")
        var o = Auditor.Options()
        o.useCache = false
        o.issues = [.exactDuplicates]
        let page = dir.path("out/report.html")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        let summary = try HTMLReport.write(try Auditor(options: o).audit(folder: dir.url), folder: dir.url, to: page)
        return (try String(contentsOf: page, encoding: .utf8), summary)
    }

    @Test func pageIsOfflineWithThumbnailFilesBesideIt() throws {
        let dir = TemporaryDirectory()
        let (html, summary) = try Self.redReport(dir)
        #expect(html.components(separatedBy: "src=\"report_files/").count - 1 == 2)
        #expect(summary.thumbnailCount == 2 && summary.thumbnails.lastPathComponent == "report_files")
        let pngs = try FileManager.default.contentsOfDirectory(atPath: summary.thumbnails.path)
        #expect(pngs.count == 2 && pngs.allSatisfy { $0.hasSuffix(".png") })
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(html.contains("group 1") && html.contains("red1.png") && !html.contains("other.png"))
    }

    /// Every check in the summary table has a section to link to, empty ones included, with its threshold.
    @Test func everyCheckLinkLeadsToASectionWithItsThreshold() throws {
        let dir = TemporaryDirectory()
        try AuditFixtures.writePNG(AuditFixtures.picture(1), dir.url, "a.png")
        var o = Auditor.Options()
        o.useCache = false
        let page = dir.path("r/report.html")
        try FileManager.default.createDirectory(at: page.deletingLastPathComponent(), withIntermediateDirectories: true)
        try HTMLReport.write(try Auditor(options: o).audit(folder: dir.url), folder: dir.url, to: page)
        let html = try String(contentsOf: page, encoding: .utf8)
        for issue in AuditIssue.allCases where html.contains("href=\"#\(issue.rawValue)\"") {
            #expect(html.contains("id=\"\(issue.rawValue)\""), "link to #\(issue.rawValue) leads nowhere")
        }
        #expect(html.contains("dark (0, threshold 0.320"))
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed here (apt-get install -y chromium); render test skipped"))
    func headlessChromiumRendersTheThumbnails() throws {
        let dir = TemporaryDirectory()
        let page = dir.path("out/report.html"), shot = dir.path("shot.png")
        _ = try Self.redReport(dir)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.chromium!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=800,900",
                       "--user-data-dir=\(dir.path("profile").path)", "--screenshot=\(shot.path)", page.absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let image = try ImageCodec.decode(Data(contentsOf: shot)).image
        var red = 0
        for i in 0..<image.area {
            let o = i * image.channels
            if image.pixels[o] > 230 && image.pixels[o + 1] < 30 && image.pixels[o + 2] < 30 { red += 1 }
        }
        // Two 96×96 thumbnails of pure red (object-fit keeps them square).
        #expect(red > 2 * 90 * 90, "red thumbnail pixels on screen: \(red)")
    }
}
