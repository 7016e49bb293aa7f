import Foundation
import DmanCore

/// A self-contained HTML page of an audit: thumbnails (PNG `data:` URIs, no
/// external files or scripts) grouped by duplicate cluster and by issue.
///
///     let html = HTMLReport.render(result, folder: url)
///     try AtomicFile.write(Data(html.utf8), to: out)
public enum HTMLReport {
    /// Longest thumbnail side in pixels.
    public static let thumbnailSide = 96

    /// Renders the page; at most `perSection` images are shown per issue.
    public static func render(_ result: Auditor.Result, folder: URL, perSection: Int = 200,
                              jobs: Int = Parallel.defaultJobs) -> String {
        let r = result.report
        var wanted: [String] = r.exactDuplicates.flatMap { $0 } + r.nearDuplicates.flatMap { $0 }
        for (_, list) in r.findings { wanted += list.prefix(perSection).map(\.file) }
        wanted += r.quarantine?.files ?? []
        let files = Array(Set(wanted)).sorted()
        // Files moved by --dedupe are read from quarantine/, where they now live.
        let uris = Parallel.map(files, jobs: jobs) { file in
            thumbnailURI(folder.appendingPathComponent(file))
                ?? thumbnailURI(folder.appendingPathComponent(DatasetFolder.quarantineName).appendingPathComponent(file))
        }
        let thumbs = Dictionary(uniqueKeysWithValues: zip(files, uris))
        var h = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>dman audit: \(esc(folder.lastPathComponent))</title>
        <style>
        body{font-family:sans-serif;margin:1.5em;color:#222}
        h2{margin-top:1.6em;border-bottom:1px solid #ccc}
        .grid{display:flex;flex-wrap:wrap;gap:8px}
        figure{margin:0;width:\(thumbnailSide + 12)px;font-size:11px;word-break:break-all;text-align:center}
        figure img{width:\(thumbnailSide)px;height:\(thumbnailSide)px;object-fit:contain;background:#eee;border:1px solid #bbb}
        .cluster{border:1px solid #ddd;padding:6px;margin:6px 0;border-radius:4px}
        table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #eee;text-align:left}
        .missing{width:\(thumbnailSide)px;height:\(thumbnailSide)px;display:flex;align-items:center;justify-content:center;background:#fdd}
        </style></head><body>
        <h1>dman audit: \(esc(folder.lastPathComponent))</h1>
        <p>\(r.images) images (\(r.readable) readable) in \(r.families) families; near-duplicate rule: \(esc(ruleText(r.rule))).</p>
        <table><tr><th>issue</th><th>images</th><th>rule</th></tr>
        """
        for issue in AuditIssue.allCases { if let c = r.counts[issue.rawValue] {
            h += "<tr><td><a href=\"#\(issue.rawValue)\">\(issue.rawValue)</a></td><td>\(c)</td><td>\(esc(issue.rule))</td></tr>\n"
        } }
        h += "</table>\n"
        for (title, key, groups) in [("Exact duplicates", AuditIssue.exactDuplicates, r.exactDuplicates),
                                     ("Near duplicates", AuditIssue.nearDuplicates, r.nearDuplicates)] {
            h += "<h2 id=\"\(key.rawValue)\">\(title) (\(groups.count) clusters)</h2>\n"
            for (k, g) in groups.enumerated() {
                h += "<div class=\"cluster\"><b>cluster \(k + 1)</b><div class=\"grid\">"
                for f in g { h += figure(f, caption: f, thumbs[f] ?? nil) }
                h += "</div></div>\n"
            }
        }
        if let q = r.quarantine, !q.files.isEmpty {
            let verb = q.dryRun ? "Would move to quarantine" : "Moved to quarantine/"
            h += "<h2 id=\"quarantine\">\(verb) (\(q.files.count) images, \(q.groups.count) duplicate groups)</h2>\n<div class=\"grid\">"
            for f in q.files { h += figure(f, caption: f, thumbs[f] ?? nil) }
            h += "</div>\n"
        }
        for issue in AuditIssue.allCases where issue != .exactDuplicates && issue != .nearDuplicates {
            guard let list = r.findings[issue.rawValue], !list.isEmpty else { continue }
            h += "<h2 id=\"\(issue.rawValue)\">\(issue.rawValue) (\(list.count))</h2>\n<div class=\"grid\">"
            for f in list.prefix(perSection) {
                let caption = f.file + " · " + String(format: "%.3f", f.score) + (f.detail.map { " · " + $0 } ?? "")
                h += figure(f.file, caption: caption, thumbs[f.file] ?? nil)
            }
            if list.count > perSection { h += "<p>… and \(list.count - perSection) more (see --json)</p>" }
            h += "</div>\n"
        }
        h += "</body></html>\n"
        return h
    }

    static func ruleText(_ rule: NearDuplicateRule) -> String {
        rule.summary
    }

    static func figure(_ file: String, caption: String, _ uri: String?) -> String {
        let img = uri.map { "<img src=\"\($0)\" alt=\"\(esc(file))\">" } ?? "<div class=\"missing\">unreadable</div>"
        return "<figure>\(img)<figcaption>\(esc(caption))</figcaption></figure>"
    }

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A PNG `data:` URI of a downscaled copy, or nil when unreadable.
    static func thumbnailURI(_ url: URL) -> String? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        guard let image = PNGFastDecoder.decode(data) ?? (try? ImageCodec.decode(data).image) else { return nil }
        let small = downscale(image.flattened(onto: RGBColor(red: 238, green: 238, blue: 238)), maxSide: thumbnailSide)
        guard let png = try? ImageCodec.pngData(small) else { return nil }
        return "data:image/png;base64," + png.base64EncodedString()
    }

    /// Box-filtered RGB downscale (no upscaling).
    static func downscale(_ image: PixelImage, maxSide: Int) -> PixelImage {
        let scale = Double(maxSide) / Double(max(image.width, image.height))
        guard scale < 1 else { return image }
        let w = max(1, Int(Double(image.width) * scale)), h = max(1, Int(Double(image.height) * scale))
        var planes: [[UInt8]] = []
        for c in 0..<3 {
            let plane = (0..<image.area).map { image.pixels[$0 * image.channels + c] }
            planes.append(PILResample.resize(plane, width: image.width, height: image.height, toWidth: w, toHeight: h, filter: .box))
        }
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for i in 0..<(w * h) { for c in 0..<3 { out[i * 3 + c] = planes[c][i] } }
        return PixelImage(width: w, height: h, channels: 3, pixels: out)
    }
}
