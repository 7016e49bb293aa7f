import DmanTestSupport
import Foundation
import Testing

/// `dman docs`: documents shipped inside the binary, so `--help` points to
/// them and not to files of the source tree (issue 15).
@Suite struct DocsCommandTests {
    @Test(arguments: [("pipeline-config", "manifests/examples/pipeline.toml"),
                      ("audit-schema", "manifests/audit-report.schema.json"),
                      ("dataset-schema", "manifests/dataset.schema.json"),
                      ("crop-manifest-schema", "manifests/crop-manifest.schema.json")])
    func embeddedFilesEqualTheRepositoryFiles(topic: String, file: String) throws {
        let r = try CLIRunner.run(["docs", topic])
        #expect(r.status == 0, "\(r.stderr)")
        let expected = try String(contentsOf: RepositoryFiles.url(file), encoding: .utf8)
        #expect(r.stdout == expected, "rerun python3 bench/docs/embed_docs.py after editing \(file)")
    }

    /// Thresholds come from the library's defaults: every check is listed, with its number.
    @Test func thresholdsListEveryCheckWithItsDefault() throws {
        let r = try CLIRunner.run(["docs", "thresholds"])
        #expect(r.status == 0)
        for name in ["exact_duplicates", "near_duplicates", "dark", "blurry", "mostly_padding", "unreadable"] {
            #expect(r.stdout.contains(name), "\(name) missing")
        }
        #expect(r.stdout.contains("dark") && r.stdout.contains("default 0.32"))
        #expect(r.stdout.contains("default 0.25"), "mostly_padding's limit, crop's --max-pad")
        #expect(r.stdout.contains("phash ≤ 16, verified ≥ 0.935"))
    }

    /// The exit codes `dman docs` prints are the README's table.
    @Test func exitCodesMatchTheREADME() throws {
        let r = try CLIRunner.run(["docs", "exit-codes"])
        let readme = try String(contentsOf: RepositoryFiles.url("README.md"), encoding: .utf8)
        let codes = r.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(codes == ["0", "1", "2", "64", "130"])
        for code in codes { #expect(readme.contains("| \(code) |"), "README's exit-code table lacks \(code)") }
    }

    @Test func listsTopicsAndRefusesAnUnknownOne() throws {
        let list = try CLIRunner.run(["docs"])
        #expect(list.status == 0 && list.stdout.contains("thresholds") && list.stdout.contains("pipeline-config"))
        let bad = try CLIRunner.run(["docs", "nope"])
        #expect(bad.status == 64 && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    }

    /// No `--help` names a file of the source tree a binary user does not have.
    @Test func helpNamesNoSourceFiles() throws {
        for command in ["crop", "augment", "audit", "train", "generate", "eval", "pipeline", "demo", "label", "review", "export", "merge"] {
            let help = try CLIRunner.run([command, "--help"]).stdout
            #expect(!help.contains("Sources/") && !help.contains(".docc"), "dman \(command) --help names a source file")
        }
    }
}
