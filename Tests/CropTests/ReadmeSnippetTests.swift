import Crop
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// The README's "Use from Swift" snippet, compiled and run here; a test
/// checks that the README still shows exactly these lines.
@Suite struct ReadmeSnippetTests {
    static func snippet(manifest: URL, output: URL) throws -> (String, Int) {
        // README-SNIPPET-BEGIN
        var options = CropOptions()
        options.size = 64                      // 64×64 crops, Lanczos
        options.pad = .fade                    // never black bands, never ghosts
        let summary = try Cropper(manifest: manifest, output: output, options: options).run()
        print(summary.line)                    // "4 crops from 2 images · 1 padded (mean 9%)"

        let dataset = try DatasetFolder(output).load()
        for record in dataset.records {
            print(record.file, record.provenance.region ?? "-", record.provenance.padFraction ?? 0)
        }
        // README-SNIPPET-END
        return (summary.line, dataset.records.count)
    }

    @Test func snippetRunsOnTheExampleManifest() throws {
        let tmp = TemporaryDirectory()
        let (line, count) = try Self.snippet(manifest: RepositoryFiles.url("manifests/examples/demo.manifest.json"),
                                             output: tmp.path("crops"))
        #expect(count > 0)
        #expect(line.contains("\(count) crops"))
    }

    @Test func readmeShowsTheSnippet() throws {
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let begin = source.range(of: "// README-SNIPPET-BEGIN\n")!.upperBound
        let end = source.range(of: "        // README-SNIPPET-END")!.lowerBound
        let lines = source[begin..<end].split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.count >= 8 ? String($0.dropFirst(8)) : "" }
        let readme = try String(contentsOf: RepositoryFiles.url("README.md"), encoding: .utf8)
        #expect(readme.contains(lines.joined(separator: "\n")), "README.md must show the snippet in ReadmeSnippetTests.swift")
    }
}
