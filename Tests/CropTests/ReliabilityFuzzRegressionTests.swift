import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Inputs that crashed the fuzz harness (`bench/fuzz`) replay without a trap.
@Suite struct ReliabilityFuzzRegressionTests {
    static let names = ["coco-1-146.json", "createml-1-75.json", "labelstudio-1-14.json", "voc-1-1917.xml",
                        "native-1-93.json", "voc-1-30.xml", "yolo-1-80.txt"]

    @Test(arguments: names)
    func crashingInputReplaysCleanly(name: String) throws {
        let format = try #require(ManifestFormat(rawValue: String(name.prefix { $0 != "-" })))
        let tmp = TemporaryDirectory("dman-fuzz-regression")
        let url = tmp.path(name)
        try FileManager.default.copyItem(at: Fixtures.path("fuzz/\(name)"), to: url)
        let manifest = try CropManifest.load(url, format: format)
        if name == "voc-1-1917.xml" {
            // Not UTF-8: refused with one line (FoundationXML trapped on it).
            #expect(manifest.parsed.problems.map(\.description).first?.contains("not valid UTF-8") == true)
            return
        }
        var refused: [String] = []
        for entry in manifest.parsed.entries {
            for (i, box) in entry.boxes.enumerated() {
                for (w, h, clip) in [(40, 30, false), (40, 30, true), (1, 1, i % 2 == 0)] {
                    do {
                        let px = try BoxResolver.resolve(box.geometry, width: w, height: h, clip: clip)
                        _ = SquareCropPlanner().plan(box: px, width: w, height: h)

                    } catch { refused.append("\(error.box): \(error.reason)") }
                }
            }
        }
        // Each of these files holds one box with a coordinate beyond ±1e15, refused with its value.
        #expect(refused.contains { $0.contains("e+") }, "\(refused)")
    }
}
