import DatasetAudit
import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct HTMLReportTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Two families holding the same pure red picture (an exact-duplicate cluster).
    static func redReport(_ dir: TemporaryDirectory) throws -> String {
        var red = PixelImage(width: 40, height: 40)
        for i in 0..<red.area { red.pixels[i * 3] = 255 }
        try AuditFixtures.writePNG(red, dir.url, "red1.png")
        try AuditFixtures.writePNG(red, dir.url, "red2.png")
        try AuditFixtures.writePNG(AuditFixtures.picture(1), dir.url, "other.png")
        var o = Auditor.Options()
        o.useCache = false
        o.issues = [.exactDuplicates]
        return HTMLReport.render(try Auditor(options: o).audit(folder: dir.url), folder: dir.url)
    }

    @Test func pageIsSelfContainedWithThumbnailsPerCluster() throws {
        let dir = TemporaryDirectory()
        let html = try Self.redReport(dir)
        #expect(html.components(separatedBy: "src=\"data:image/png;base64,").count - 1 == 2)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(html.contains("cluster 1") && html.contains("red1.png") && !html.contains("other.png"))
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed here (apt-get install -y chromium); render test skipped"))
    func headlessChromiumRendersTheThumbnails() throws {
        let dir = TemporaryDirectory()
        let page = dir.path("report.html"), shot = dir.path("shot.png")
        try Data(Self.redReport(dir).utf8).write(to: page)
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
