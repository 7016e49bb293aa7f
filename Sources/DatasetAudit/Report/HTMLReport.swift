import Foundation
import DmanCore

/// An HTML page of an audit that scales to thousands of images and says
/// what was decided and why.
///
/// Thumbnails are PNG files in a folder beside the page (`report_files/` for
/// `report.html`), loaded lazily, so the page opens at once and stays small;
/// it works offline (no script, no external URL). Duplicate groups show one
/// picture per family (its representative) with the family's size, the kept
/// family marked, and each member's hash distance and verification score;
/// the quarantine is grouped the same way; every check has a section (empty
/// ones say so), its images sorted by score, with the threshold as a number.
///
///     let summary = try HTMLReport.write(result, folder: dataset, to: URL(fileURLWithPath: "report.html"))
public enum HTMLReport {
    /// Longest thumbnail side in pixels.
    public static let thumbnailSide = 96

    /// What ``write(_:folder:to:perSection:jobs:)`` wrote.
    public struct Summary: Sendable, Equatable {
        /// The thumbnail folder beside the page.
        public var thumbnails: URL
        /// Thumbnails written (one per distinct picture shown).
        public var thumbnailCount: Int
        /// Bytes of the page and of its thumbnails.
        public var pageBytes: Int
        public var thumbnailBytes: Int
    }

    /// Writes the page to `url` and its thumbnails to `url`'s `_files` folder,
    /// each atomically; at most `perSection` images are shown per check.
    @discardableResult
    public static func write(_ result: Auditor.Result, folder: URL, to url: URL, perSection: Int = 200,
                             jobs: Int = Parallel.defaultJobs) throws(AuditError) -> Summary {
        let stem = url.deletingPathExtension().lastPathComponent
        let dirName = stem + "_files"
        let dir = url.deletingLastPathComponent().appendingPathComponent(dirName)
        let files = shownFiles(result, perSection: perSection)
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            throw .write(path: dir.path, reason: "cannot create the thumbnail folder: \(error.localizedDescription)")
        }
        let written = Parallel.map(files, jobs: jobs) { file -> (String, String?, Int) in
            guard let png = thumbnailPNG(folder.appendingPathComponent(file))
                    ?? thumbnailPNG(folder.appendingPathComponent(DatasetFolder.quarantineName).appendingPathComponent(file)) else {
                return (file, nil, 0)
            }
            let name = ContentDigest.hex(Array(file.utf8)) + ".png"
            do { try AtomicFile.write(png, to: dir.appendingPathComponent(name)) } catch { return (file, nil, 0) }
            return (file, dirName + "/" + name, png.count)
        }
        let refs = Dictionary(uniqueKeysWithValues: written.map { ($0.0, $0.1) })
        let html = render(result, folder: folder, perSection: perSection) { refs[$0] ?? nil }
        do { try AtomicFile.write(Data(html.utf8), to: url) } catch { throw .write(path: url.path, reason: error.reason) }
        return Summary(thumbnails: dir, thumbnailCount: written.filter { $0.1 != nil }.count,
                       pageBytes: html.utf8.count, thumbnailBytes: written.reduce(0) { $0 + $1.2 })
    }

    /// Every picture the page shows.
    static func shownFiles(_ result: Auditor.Result, perSection: Int) -> [String] {
        let r = result.report
        var wanted: [String] = r.exactDuplicates.flatMap { $0 } + r.nearDuplicates.flatMap { $0 }
        for (_, list) in r.findings { wanted += list.prefix(perSection).map(\.file) }
        wanted += ReportGroups(result).quarantineGroups.flatMap { $0.members.map(\.file) }
        return Array(Set(wanted)).sorted()
    }

    /// The page, with `thumbnail(file)` giving each picture's relative URL (nil: unreadable).
    public static func render(_ result: Auditor.Result, folder: URL, perSection: Int = 200,
                              thumbnail: (String) -> String?) -> String {
        let r = result.report
        let groups = ReportGroups(result)
        var h = header(folder.lastPathComponent, r)
        h += "<table><tr><th>issue</th><th>images</th><th>rule</th><th>threshold</th></tr>\n"
        for issue in AuditIssue.allCases { if let c = r.counts[issue.rawValue] {
            let limit = issue == .nearDuplicates ? r.rule.summary : r.thresholds.value(for: issue).map { number($0) } ?? "—"
            h += "<tr><td><a href=\"#\(issue.rawValue)\">\(issue.rawValue)</a></td><td>\(c)</td><td>\(esc(issue.rule))</td><td>\(esc(limit))</td></tr>\n"
        } }
        h += "</table>\n"
        if r.counts[AuditIssue.exactDuplicates.rawValue] != nil {
            h += "<h2 id=\"exact_duplicates\">Exact duplicates (\(r.exactDuplicates.count) groups)</h2>\n"
            if r.exactDuplicates.isEmpty { h += "<p>none</p>\n" }
            for (k, g) in r.exactDuplicates.enumerated() {
                h += "<div class=\"group\"><b>group \(k + 1)</b><div class=\"grid\">"
                for f in g { h += figure(f, caption: f, thumbnail(f)) }
                h += "</div></div>\n"
            }
        }
        if r.counts[AuditIssue.nearDuplicates.rawValue] != nil {
            h += "<h2 id=\"near_duplicates\">Near-duplicate groups (\(groups.near.count); one picture per family, the kept family first)</h2>\n"
            if groups.near.isEmpty { h += "<p>none</p>\n" }
            for (k, g) in groups.near.enumerated() { h += groupHTML("group \(k + 1)", g, thumbnail) }
        }
        if let q = r.quarantine {
            let verb = q.dryRun ? "Would move to quarantine" : "Moved to quarantine/"
            h += "<h2 id=\"quarantine\">\(verb) (\(q.files.count) images of \(q.groups.reduce(0) { $0 + $1.moved.count }) families, \(q.groups.count) groups)</h2>\n"
            if q.groups.isEmpty { h += "<p>none</p>\n" }
            for (k, g) in groups.quarantineGroups.enumerated() { h += groupHTML("group \(k + 1)", g, thumbnail) }
        }
        for issue in AuditIssue.allCases where issue != .exactDuplicates && issue != .nearDuplicates {
            guard r.counts[issue.rawValue] != nil || issue == .unreadable else { continue }
            let list = r.findings[issue.rawValue] ?? []
            let limit = r.thresholds.value(for: issue).map { ", threshold \(number($0))" } ?? ""
            h += "<h2 id=\"\(issue.rawValue)\">\(issue.rawValue) (\(list.count)\(limit); lowest score first)</h2>\n"
            if list.isEmpty { h += "<p>none</p>\n"; continue }
            h += "<div class=\"grid\">"
            for f in list.prefix(perSection) {
                h += figure(f.file, caption: f.file + " · " + number(f.score) + (f.detail.map { " · " + $0 } ?? ""), thumbnail(f.file))
            }
            if list.count > perSection { h += "<p>… and \(list.count - perSection) more (see --json)</p>" }
            h += "</div>\n"
        }
        return h + "</body></html>\n"
    }

    static func header(_ name: String, _ r: AuditReport) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>dman audit: \(esc(name))</title>
        <style>
        body{font-family:sans-serif;margin:1.5em;color:#222}
        h2{margin-top:1.6em;border-bottom:1px solid #ccc}
        .grid{display:flex;flex-wrap:wrap;gap:8px}
        figure{margin:0;width:\(thumbnailSide + 12)px;font-size:11px;word-break:break-all;text-align:center}
        figure img{width:\(thumbnailSide)px;height:\(thumbnailSide)px;object-fit:contain;background:#eee;border:2px solid #bbb}
        figure.kept img{border-color:#2a2}figure.moved img{border-color:#c33;opacity:.8}
        .group{border:1px solid #ddd;padding:6px;margin:6px 0;border-radius:4px}
        table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #eee;text-align:left}
        .missing{width:\(thumbnailSide)px;height:\(thumbnailSide)px;display:flex;align-items:center;justify-content:center;background:#fdd}
        </style></head><body>
        <h1>dman audit: \(esc(name))</h1>
        <p>\(r.images) images (\(r.readable) readable) in \(r.families) families. A <i>family</i> is one crop and its
        augmentations; a duplicate <i>group</i> is families each verified against the first (the one kept);
        green: kept, red: moved to quarantine.</p>

        """
    }

    static func groupHTML(_ title: String, _ g: ReportGroups.Group, _ thumbnail: (String) -> String?) -> String {
        var h = "<div class=\"group\"><b>\(esc(title))</b><div class=\"grid\">"
        for (k, m) in g.members.enumerated() {
            var caption = "\(m.file) · family \(m.family) (\(m.familySize) image\(m.familySize == 1 ? "" : "s"))"
            if k == 0 { caption += g.decided ? " · kept" : " · representative" }
            if let d = m.distance { caption += " · distance \(d)" }
            if let s = m.score { caption += " · score \(number(s))" }
            if m.exact { caption += " · exact" }
            if m.moved { caption += " · moved" }
            h += figure(m.file, caption: caption, thumbnail(m.file), cls: k == 0 && g.decided ? "kept" : m.moved ? "moved" : nil)
        }
        return h + "</div></div>\n"
    }

    static func figure(_ file: String, caption: String, _ src: String?, cls: String? = nil) -> String {
        let img = src.map { "<img loading=\"lazy\" src=\"\(esc($0))\" alt=\"\(esc(file))\">" } ?? "<div class=\"missing\">unreadable</div>"
        return "<figure\(cls.map { " class=\"\($0)\"" } ?? "")>\(img)<figcaption>\(esc(caption))</figcaption></figure>"
    }

    static func number(_ v: Double) -> String { String(format: "%.3f", v) }

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// PNG bytes of a downscaled copy, or nil when unreadable.
    static func thumbnailPNG(_ url: URL) -> Data? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        guard let image = PNGFastDecoder.decode(data) ?? (try? ImageCodec.decode(data).image) else { return nil }
        return try? ImageCodec.pngData(downscale(image.flattened(onto: RGBColor(red: 238, green: 238, blue: 238)), maxSide: thumbnailSide))
    }

    /// Box-filtered RGB downscale (no upscaling).
    static func downscale(_ image: PixelImage, maxSide: Int) -> PixelImage {
        let scale = Double(maxSide) / Double(max(image.width, image.height))
        guard scale < 1 else { return image }
        let w = max(1, Int(Double(image.width) * scale)), h = max(1, Int(Double(image.height) * scale))
        var planes: [[UInt8]] = []
        for c in 0..<3 {
            let plane = (0..<image.area).map { image.pixels[$0 * image.channels + c] }
            planes.append(Resampler.resizePlane(plane, width: image.width, height: image.height, toWidth: w, toHeight: h, kernel: .box))
        }
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for i in 0..<(w * h) { for c in 0..<3 { out[i * 3 + c] = planes[c][i] } }
        return PixelImage(width: w, height: h, channels: 3, pixels: out)
    }
}
