import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 17, manifests not covered by round 1: 100k-deep nesting (no stack
/// overflow), VOC XML with an external entity (XXE: the file is never read)
/// and with nested entity expansion (billion laughs: bounded memory), 50 000
/// boxes on one picture cropped end to end.
@Suite struct ReliabilityRound2ManifestTests {
    func write(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

    func root() throws -> TemporaryDirectory {
        let tmp = TemporaryDirectory("dman-rel2-manifest")
        try writePNG(SyntheticImage.textured(width: 40, height: 30, seed: 4), to: tmp.path("p.png"))
        return tmp
    }

    /// The error text of loading `url`, or of its first per-entry problem; nil when it parsed cleanly.
    func failure(_ url: URL) -> String? {
        do {
            let m = try CropManifest.load(url)
            return m.parsed.problems.first.map { "\($0)" }
        } catch { return "\(error)" }
    }

    @Test func hundredThousandDeepNestingIsOneLineNotAStackOverflow() throws {
        let tmp = try root()
        let depth = 100_000
        let cases = [
            ("arrays.json", String(repeating: "[", count: depth) + String(repeating: "]", count: depth)),
            ("objects.json", String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)),
            ("inside.json", #"{"images": [{"file": "p.png", "boxes": "# + String(repeating: "[", count: depth)),
        ]
        for (name, text) in cases {
            try write(text, to: tmp.path(name))
            let start = Date()
            let error = try #require(failure(tmp.path(name)), "\(name) parsed")
            #expect(error.contains(name) && !error.contains("\n"), "\(name): \(error.prefix(300))")
            #expect(Date().timeIntervalSince(start) < 10)
            // dataset.json goes through another decoder.
            #expect(throws: DatasetError.self) { try DatasetFolder.decode(Data(text.utf8), path: name) }
            do { _ = try DatasetFolder.decode(Data(text.utf8), path: name) } catch {
                #expect("\(error)".contains(name) && !"\(error)".contains("\n"), "\(error)")
            }
        }
    }

    static func voc(doctype: String, filename: String) -> String {
        """
        <?xml version="1.0"?>
        <!DOCTYPE annotation [\(doctype)]>
        <annotation><filename>\(filename)</filename><size><width>40</width><height>30</height></size>
        <object><name>a</name><bndbox><xmin>2</xmin><ymin>2</ymin><xmax>20</xmax><ymax>20</ymax></bndbox></object></annotation>
        """
    }

    @Test func vocExternalEntityIsNeverRead() throws {
        let tmp = try root()
        let secret = tmp.path("secret.txt")
        try write("SECRET-MARKER-p.png", to: secret)
        try FileManager.default.createDirectory(at: tmp.path("voc"), withIntermediateDirectories: true)
        let cases = [
            ("general.xml", #"<!ENTITY xxe SYSTEM "file://\#(secret.path)">"#, "&xxe;"),
            ("relative.xml", #"<!ENTITY xxe SYSTEM "../secret.txt">"#, "&xxe;"),
            ("parameter.xml", #"<!ENTITY % ext SYSTEM "file://\#(secret.path)"> %ext;"#, "p.png"),
        ]
        for (name, doctype, filename) in cases {
            try write(Self.voc(doctype: doctype, filename: filename), to: tmp.path("voc/\(name)"))
            var text = ""
            do {
                let entry = try CropManifest.load(tmp.path("voc/\(name)"), format: .voc).parsed
                text = "\(entry.entries.map { "\($0.picture)" }) \(entry.problems)"
            } catch { text = "\(error)" }
            #expect(!text.contains("SECRET-MARKER"), "\(name) read the external file: \(text.prefix(300))")
        }
    }

    @Test func vocBillionLaughsIsBoundedInTimeAndMemory() throws {
        let tmp = try root()
        var doctype = #"<!ENTITY lol "lololololololololololololololololololololololololololololol">"#
        var previous = "lol"
        for k in 1...9 {
            doctype += #"<!ENTITY lol\#(k) "\#(String(repeating: "&\(previous);", count: 10))">"#
            previous = "lol\(k)"
        }
        try FileManager.default.createDirectory(at: tmp.path("voc"), withIntermediateDirectories: true)
        try write(Self.voc(doctype: doctype, filename: "&lol9;"), to: tmp.path("voc/laughs.xml"))
        let before = Self.peakResidentMegabytes()
        let start = Date()
        let text = failure(tmp.path("voc/laughs.xml"))
        let seconds = Date().timeIntervalSince(start), grown = Self.peakResidentMegabytes() - before
        print("billion laughs: \(String(format: "%.2f", seconds)) s, peak RSS +\(grown) MB: \(text?.prefix(160) ?? "parsed")")
        #expect(seconds < 10)
        #expect(grown < 300, "entity expansion grew the peak RSS by \(grown) MB")
        if let text {
            #expect(text.contains("laughs.xml") && text.contains("entity") && !text.contains("\n"), "\(text.prefix(300))")
        }
    }

    static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    @Test func fiftyThousandBoxesOnOnePictureAreCropped() throws {
        let tmp = try root()
        var json = #"{"images": [{"file": "p.png", "boxes": ["#
        json += (0..<50_000).map { #"{"x": \#($0 % 30), "y": \#($0 % 20), "w": 8, "h": 8}"# }.joined(separator: ",")
        json += "]}]}"
        try write(json, to: tmp.path("many.json"))
        let start = Date()
        let (summary, log) = try crop(tmp.path("many.json"), into: tmp.path("out")) { $0.size = 8 }
        let seconds = Date().timeIntervalSince(start)
        print("50 000 boxes on one picture: \(summary.crops) crops in \(String(format: "%.1f", seconds)) s")
        #expect(summary.crops == 50_000 && summary.failed == 0, "\(log.failures.prefix(3))")
        #expect(try records(in: tmp.path("out")).count == 50_000)
    }
}
