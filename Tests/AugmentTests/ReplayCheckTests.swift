import Augment
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// `ReplayCheck`: the library side of `dman augment --replay` (issue 15: the
/// record lookup and the engine fallback moved out of the command).
@Suite struct ReplayCheckTests {
    static func augmented() throws -> (TemporaryDirectory, URL, URL, [DatasetRecord]) {
        let tmp = TemporaryDirectory("replay-check")
        let input = tmp.path("in"), output = tmp.path("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Fixture.writeImages(2, side: 40, in: input)
        _ = try AugmenterTests.run(input, output, jobs: 1)
        return (tmp, input, output, try DatasetFolder(output).load().records)
    }

    @Test func everyOutputReplaysToItsRecordedBytesByIdFileOrJSON() throws {
        let (tmp, input, output, records) = try Self.augmented()
        for record in records.prefix(6) {
            let check = try ReplayCheck.run(reference: record.id, input: input, output: output)
            #expect(check.identical && check.sha256 == record.sha256, "\(record.id)")
        }
        let record = try #require(records.first { $0.parent != nil && $0.id.contains("rand") })
        let json = String(decoding: try DatasetFolder.encoder.encode(record), as: UTF8.self)
        #expect(try ReplayCheck.run(reference: json, input: input, output: tmp.path("nowhere")).identical)
        try Data(json.utf8).write(to: tmp.path("record.json"))
        let written = tmp.path("again.png")
        let fromFile = try ReplayCheck.run(reference: tmp.path("record.json").path, input: input, output: output, writeTo: written)
        #expect(fromFile.identical && fromFile.written == written.path)
        #expect(SHA256.hex(try Data(contentsOf: written)) == record.sha256)
    }

    /// The record does not say which engine made it: asking for the other one
    /// still finds the recorded bytes and reports the engine that matched.
    @Test func theOtherEngineIsTriedWhenTheAskedOneDiffers() throws {
        let (tmp, input, output, records) = try Self.augmented()
        _ = tmp
        let record = try #require(records.first { r in r.provenance.transforms.contains { $0.name == "unsharp" || $0.name == "rotate" } })
        let check = try ReplayCheck.run(reference: record.id, input: input, output: output, engine: .magick)
        #expect(check.identical, "recorded with the automatic engine; found by falling back")
        #expect(check.engine == Rendering.Engine.automatic.rawValue || check.engine == Rendering.Engine.magick.rawValue)
    }

    @Test func aTamperedRecordIsReportedAsDifferentAndAMissingIdIsAnError() throws {
        let (tmp, input, output, records) = try Self.augmented()
        _ = tmp
        var tampered = try #require(records.first { $0.parent != nil && !$0.provenance.transforms.isEmpty })
        tampered.sha256 = String(repeating: "0", count: 64)
        let json = String(decoding: try DatasetFolder.encoder.encode(tampered), as: UTF8.self)
        let check = try ReplayCheck.run(reference: json, input: input, output: output)
        #expect(!check.identical && check.recorded == tampered.sha256)
        #expect(throws: AugmentError.self) { try ReplayCheck.run(reference: "no_such_id", input: input, output: output) }
        do { _ = try ReplayCheck.run(reference: "no_such_id", input: input, output: output) } catch {
            #expect(error.description.contains("no record no_such_id"))
        }
        #expect(throws: AugmentError.self) { try ReplayCheck.run(reference: "/nonexistent/r.json", input: input, output: output) }
    }
}
