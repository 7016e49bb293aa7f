import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 17, names: pictures and manifests whose names hold spaces,
/// unicode, a newline or a leading dash go through crop, augment and audit
/// like any other; an error about one is still exactly one line (the
/// newline is escaped), and a leading-dash argument works after `--` or as `--output=-x`.
@Suite struct FileNameTests {
    static let names = ["with space.png", "ünïcødé 漢字.png", "new\nline.png", "-leading-dash.png", "tab\there.png"]

    @Test func hostileNamesAreCroppedAugmentedAndAudited() throws {
        let tmp = TemporaryDirectory("dman-rel-names")
        for (k, name) in Self.names.enumerated() {
            try ImageCodec.pngData(SyntheticImage.textured(width: 60, height: 50, seed: UInt64(k + 3))).write(to: tmp.path(name))
        }
        let missing = "-gone\nsoon.png"
        let images = (Self.names + [missing]).map { ["file": $0, "boxes": [["x": 5, "y": 5, "w": 30, "h": 30]]] as [String: Any] }
        try JSONSerialization.data(withJSONObject: ["images": images]).write(to: tmp.path("-manifest.json"))

        let crop = try CLIRunner.run(["crop", "-o", "out dir", "--size", "32", "--", "-manifest.json"], in: tmp.url)
        #expect(crop.status == 2, "exit \(crop.status): \(crop.stderr)")
        let errors = crop.stderr.split(separator: "\n").filter { $0.hasPrefix("error") }
        #expect(errors.count == 1 && errors[0].contains(#"-gone\nsoon.png"#), "\(crop.stderr)")
        let out = tmp.path("out dir")
        let doc = try DatasetFolder(out).load()
        #expect(doc.records.count == Self.names.count, "\(doc.records.map(\.file))")
        for r in doc.records {
            let data = try Data(contentsOf: out.appendingPathComponent(r.file))
            #expect(SHA256.hex(data) == r.sha256 && (try? ImageCodec.decode(data)) != nil, "\(r.file)")
        }
        #expect(Set(doc.records.map(\.provenance.source)).count == Self.names.count)

        let augment = try CLIRunner.run(["augment", "out dir", "--output=-aug", "--flip", "--size", "32", "--seed", "1"], in: tmp.url)
        #expect(augment.status == 0, "\(augment.stderr)")
        #expect(try DatasetFolder(tmp.path("-aug")).load().records.count == 2 * Self.names.count)
        let audit = try CLIRunner.run(["audit", "--dedupe", "--no-cache", "--", "-aug"], in: tmp.url)
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(FaultInvariants.pictureHashes(tmp.path("-aug")).values.reduce(0, +) == 2 * Self.names.count)
        // Inputs untouched: the pictures are still there under their names.
        for name in Self.names { #expect(FileManager.default.fileExists(atPath: tmp.path(name).path), "\(name)") }
    }
}
