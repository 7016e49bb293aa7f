import DmanCore
import DmanTestSupport
import Foundation
import Testing

@Suite struct DatasetSchemaTests {
    @Test func everyFieldDmanWritesIsInTheSchema() throws {
        var record = DatasetFolderTests.sampleRecord("a_0")
        record.parent = "a"
        record.sha256 = String(repeating: "0", count: 64)
        record.provenance.sourceSHA256 = String(repeating: "f", count: 64)
        let doc = DatasetDocument(
            stage: "augment", records: [record],
            order: EpochOrder(batch: 64, seed: 3, ids: ["a_0"], cap: 5),
            quarantine: [QuarantineEntry(record: record, quarantinedFile: "quarantine/a_0.png",
                                         reason: "near duplicate", keptInstead: "b_0")])
        let check = try SchemaCheck(schemaAt: RepositoryFiles.url("manifests/dataset.schema.json"))
        let v = try check.violations(of: DatasetFolder.encoder.encode(doc))
        #expect(v == [], "\(v)")
    }

    @Test func schemaCheckerCatchesAnUnknownField() throws {
        let check = try SchemaCheck(schemaAt: RepositoryFiles.url("manifests/dataset.schema.json"))
        let bad = Data(#"{"format":"dman-dataset","version":1,"stage":"crop","records":[],"extra":1}"#.utf8)
        let v = try check.violations(of: bad)
        #expect(v == ["$.extra: not in the schema"], "\(v)")
    }
}
