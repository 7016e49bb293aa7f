import DmanTestSupport
import Foundation
import Testing

/// One place turns library errors into text, `--json` and exit codes
/// (`Sources/dman/Output/ErrorPresenter.swift`); each rule of README's
/// exit-code table is asserted here through the binary.
@Suite struct ErrorPresenterTests {
    static func stderrLines(_ r: CLIRunner.Result) -> [Substring] { r.stderr.split(separator: "\n") }

    /// An option value only the library can judge (GANCore's config check
    /// runs inside `bench`'s run) is a usage error: 64, one line.
    @Test func aLibraryRejectedOptionExits64WithOneLine() throws {
        let r = try CLIRunner.run(["bench", "train", "--size", "48", "--iterations", "1"])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(Self.stderrLines(r).count == 1 && r.stderr.hasPrefix("error: "), "\(r.stderr)")
        let json = try CLIRunner.run(["bench", "train", "--size", "48", "--iterations", "1", "--json"])
        #expect(json.status == 64)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(doc?["exit_code"] as? Int == 64, "\(json.stdout)")
        #expect((doc?["error"] as? String)?.isEmpty == false)
    }

    /// A fatal library error: exit 1, one line naming the file, and with
    /// `--json` one document on stdout holding the same line.
    @Test func aFatalLibraryErrorExits1AndIsOneJSONDocument() throws {
        let tmp = TemporaryDirectory("presenter")
        try FileManager.default.createDirectory(at: tmp.path("set"), withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: tmp.path("set/dataset.json"))
        let r = try CLIRunner.run(["audit", tmp.path("set").path])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(Self.stderrLines(r).count == 1 && r.stderr.contains("dataset.json"), "\(r.stderr)")
        let json = try CLIRunner.run(["audit", tmp.path("set").path, "--json"])
        #expect(json.status == 1)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(doc?["exit_code"] as? Int == 1, "\(json.stdout)")
        #expect((doc?["error"] as? String).map { r.stderr.contains($0) } == true, "the JSON holds the stderr line")
    }

    /// Foundation's errors are shown as their plain reason with the place
    /// prefixed, never as `Error Domain=… Code=…` dumps.
    @Test func aFoundationErrorIsItsReasonNamingThePlace() throws {
        let tmp = TemporaryDirectory("presenter")
        try Data("x".utf8).write(to: tmp.path("not-a-folder"))
        let r = try CLIRunner.run(["label", tmp.path("not-a-folder").path, "--port", "0"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(Self.stderrLines(r).count == 1 && r.stderr.contains("not-a-folder"), "\(r.stderr)")
        #expect(!r.stderr.contains("Error Domain"), "\(r.stderr)")
    }

    /// A replay whose bytes differ is a fatal error (exit 1), not a crash or 0.
    @Test func aMissingReplayRecordIsOneLineAndExit1() throws {
        let tmp = TemporaryDirectory("presenter")
        try FileManager.default.createDirectory(at: tmp.path("in"), withIntermediateDirectories: true)
        let r = try CLIRunner.run(["augment", tmp.path("in").path, "-o", tmp.path("in").path, "--replay", "nope"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(Self.stderrLines(r).count == 1, "\(r.stderr)")
    }
}
