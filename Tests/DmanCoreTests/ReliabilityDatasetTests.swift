import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Issue 8, dataset.json: BOM/CRLF accepted, every truncation and hostile
/// number refused with one line naming the file, never a trap.
@Suite struct ReliabilityDatasetTests {
    static func document() throws -> Data {
        try DatasetFolder.encoder.encode(DatasetDocument(stage: "crop", records: [
            DatasetFolderTests.sampleRecord("a_0"), DatasetFolderTests.sampleRecord("b_1"),
        ]))
    }

    @Test func bomAndCRLFAreAccepted() throws {
        let text = String(decoding: try Self.document(), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        let doc = try DatasetFolder.decode(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), path: "x/dataset.json")
        #expect(doc.records.map(\.id) == ["a_0", "b_1"])
    }

    @Test func everyTruncationIsOneLineNamingTheFile() throws {
        let data = try Self.document()
        for cut in stride(from: 0, to: data.count, by: 5) {
            #expect { try DatasetFolder.decode(data.prefix(cut), path: "x/dataset.json") } throws: { error in
                let s = "\(error)"; return s.hasPrefix("x/dataset.json: ") && !s.contains("\n")
            }
        }
    }

    @Test func hostileNumbersAndNamesAreRefused() throws {
        let text = String(decoding: try Self.document(), as: UTF8.self)
        for (from, to) in [("\"width\" : 64", "\"width\" : 1e400"), ("\"width\" : 64", "\"width\" : -64"),
                           ("\"width\" : 64", "\"width\" : 9223372036854775808"), ("\"a_0.png\"", "\"/etc/passwd\""),
                           ("\"a_0.png\"", "\"..\\/a_0.png\""), ("\"b_1\"", "\"a_0\"")] {
            let bad = Data(text.replacingOccurrences(of: from, with: to).utf8)
            #expect(bad != Data(text.utf8), "\(from) not found")
            #expect { try DatasetFolder.decode(bad, path: "x/dataset.json") } throws: { "\($0)".hasPrefix("x/dataset.json") }
        }
        var invalid = Data(text.utf8)
        invalid.replaceSubrange(invalid.range(of: Data("a_0.png".utf8))!, with: Data([0x61, 0xFF, 0x2E, 0x70, 0x6E, 0x67]))
        #expect { try DatasetFolder.decode(invalid, path: "x/dataset.json") } throws: { "\($0)".hasPrefix("x/dataset.json") }
    }
}
