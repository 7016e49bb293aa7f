import DmanTestSupport
import Foundation
import Testing

/// Issue 17: a 100 000-deep dataset.json through the commands that read it:
/// one line naming the file once (not twice), exit 1, no stack overflow.
@Suite struct HostileDatasetCommandTests {
    @Test func deeplyNestedDatasetIsOneLineNamingTheFileOnce() throws {
        let tmp = TemporaryDirectory("dman-rel2-deep")
        try FileManager.default.createDirectory(at: tmp.path("ds"), withIntermediateDirectories: true)
        let depth = 100_000
        try Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8).write(to: tmp.path("ds/dataset.json"))
        for args in [["audit", "ds", "--no-cache"], ["augment", "ds", "-o", "aug", "--flip"]] {
            let r = try CLIRunner.run(args, in: tmp.url)
            let lines = r.stderr.split(separator: "\n")
            #expect(r.status == 1, "\(args[0]): exit \(r.status): \(r.stderr)")
            #expect(lines.count == 1 && lines[0].contains("ds/dataset.json") && lines[0].contains("nested"), "\(args[0]): \(r.stderr)")
            #expect(lines.first.map { $0.components(separatedBy: "dataset.json").count - 1 } == 1, "path named twice: \(r.stderr)")
        }
    }
}
