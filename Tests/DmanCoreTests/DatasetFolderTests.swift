import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct DatasetFolderTests {
    static func sampleRecord(_ id: String) -> DatasetRecord {
        DatasetRecord(
            id: id, file: "\(id).png", sha256: String(repeating: "a", count: 64), width: 64, height: 64,
            family: id,
            provenance: Provenance(
                source: "src/\(id).jpg", sourceWidth: 640, sourceHeight: 480, boxIndex: 0, label: "cat",
                box: PixelBox(x: 10, y: 20, width: 30, height: 40),
                region: PixelBox(x: 3, y: 18, width: 44, height: 44), padFraction: 0, padMode: "none",
                upscale: 1.45, seed: 7,
                transforms: [AppliedTransform(name: "rotate", stage: "augment",
                                              parameters: .object(["degrees": .number(-5), "fill": .string("edge")]))]))
    }

    @Test func roundTripIsExactAndSorted() throws {
        let dir = TemporaryDirectory()
        let folder = DatasetFolder(dir.url)
        let doc = DatasetDocument(stage: "crop", records: [Self.sampleRecord("b_0"), Self.sampleRecord("a_1")])
        try folder.save(doc)
        let back = try folder.load()
        #expect(back.records.map(\.id) == ["a_1", "b_0"])
        #expect(back.records[1] == doc.records[0])
        #expect(back.version == DatasetDocument.currentVersion)
    }

    @Test func malformedJSONNamesFileAndPosition() throws {
        let dir = TemporaryDirectory()
        try Data("{\"format\": \"dman-dataset\",\n \"version\": 1,\n \"records\": [ oops ]}".utf8)
            .write(to: dir.path("dataset.json"))
        #expect {
            try DatasetFolder(dir.url).load()
        } throws: { error in
            let text = String(describing: error)
            return text.contains("dataset.json") && text.contains("line 3")
        }
    }

    @Test func wrongTypeNamesJSONPath() throws {
        let dir = TemporaryDirectory()
        var json = String(decoding: try DatasetFolder.encoder.encode(
            DatasetDocument(stage: "crop", records: [Self.sampleRecord("a")])), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"width\" : 64", with: "\"width\" : \"wide\"")
        try Data(json.utf8).write(to: dir.path("dataset.json"))
        #expect {
            try DatasetFolder(dir.url).load()
        } throws: { String(describing: $0).contains("records[0].width") }
    }

    @Test func duplicateIdsAndEscapingFilesAreRefused() throws {
        let dir = TemporaryDirectory()
        var doc = DatasetDocument(stage: "crop", records: [Self.sampleRecord("a"), Self.sampleRecord("a")])
        try Data(DatasetFolder.encoder.encode(doc)).write(to: dir.path("dataset.json"))
        #expect { try DatasetFolder(dir.url).load() } throws: { String(describing: $0).contains("duplicate id") }
        var evil = Self.sampleRecord("e")
        evil.file = "../../etc/passwd"
        doc.records = [evil]
        try Data(DatasetFolder.encoder.encode(doc)).write(to: dir.path("dataset.json"))
        #expect { try DatasetFolder(dir.url).load() } throws: { String(describing: $0).contains("outside the dataset") }
    }

    @Test func secondLockOnSameFolderIsRefused() throws {
        let dir = TemporaryDirectory()
        let first = try FolderLock(folder: dir.url)
        // flock is per open file description, so a second open in this process conflicts too.
        #expect { try FolderLock(folder: dir.url) } throws: { String(describing: $0).contains("another dman process") }
        _ = first
    }
}
