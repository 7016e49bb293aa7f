import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// A small crop → augment → audit set whose audit is sure to quarantine
/// something: 12 demo pictures plus an exact copy of one of them, listed in
/// the manifest with the same box (so two families are exact duplicates).
struct StageFixture {
    let tmp: TemporaryDirectory
    static let cropArgs = ["crop", "demo/sources/manifest.json", "-o", "crops", "--size", "48", "-j", "2"]
    static let augmentArgs = ["augment", "crops", "-o", "aug", "--rotations", "±5", "--flip", "--size", "32", "--seed", "7", "-j", "2"]
    static let auditArgs = ["--dedupe", "--order", "balanced", "--batch", "8", "--no-cache"]

    init(_ prefix: String) throws {
        tmp = TemporaryDirectory(prefix)
        let demo = try CLIRunner.run(["demo", "-o", "demo", "--sources-only", "--count", "12", "--quiet"], in: tmp.url)
        #expect(demo.status == 0, "\(demo.stderr)")
        let sources = tmp.path("demo/sources")
        try FileManager.default.copyItem(at: sources.appendingPathComponent("pic_000.png"),
                                         to: sources.appendingPathComponent("dup_000.png"))
        let manifestURL = sources.appendingPathComponent("manifest.json")
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        var images = try #require(manifest["images"] as? [[String: Any]])
        var copy = images[0]
        copy["file"] = "dup_000.png"
        images.append(copy)
        manifest["images"] = images
        try JSONSerialization.data(withJSONObject: manifest).write(to: manifestURL)
    }

    func path(_ name: String) -> URL { tmp.path(name) }

    @discardableResult
    func run(_ args: [String], status: Int32 = 0, _ note: String = "") throws -> CLIRunner.Result {
        let r = try CLIRunner.run(args, in: tmp.url)
        #expect(r.status == status, "\(note) dman \(args.joined(separator: " ")) → \(r.status): \(r.stderr)")
        return r
    }

    func crop(_ extra: [String] = [], status: Int32 = 0) throws -> CLIRunner.Result { try run(Self.cropArgs + extra, status: status) }
    func augment(_ extra: [String] = [], status: Int32 = 0) throws -> CLIRunner.Result { try run(Self.augmentArgs + extra, status: status) }
    func audit(_ folder: String, _ extra: [String] = StageFixture.auditArgs, status: Int32 = 0) throws -> CLIRunner.Result {
        try run(["audit", folder] + extra, status: status)
    }

    /// Relative path → SHA-256 of every file under `folder` except the lock
    /// file (which holds the last writer's pid).
    func snapshot(_ name: String) -> [String: String] {
        let root = path(name)
        var out: [String: String] = [:]
        guard let e = FileManager.default.enumerator(atPath: root.path) else { return out }
        for case let rel as String in e where !rel.hasSuffix(".dman.lock") {
            var isDir: ObjCBool = false
            let url = root.appendingPathComponent(rel)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue,
               let data = try? Data(contentsOf: url) {
                out[rel] = SHA256.hex(data)
            }
        }
        return out
    }

    /// How often each record id's picture is present: main folder, or quarantine.
    func placements(_ name: String) throws -> [String: Int] {
        let root = path(name)
        let doc = try DatasetFolder(root).load()
        var count: [String: Int] = [:]
        for r in doc.records where FileManager.default.fileExists(atPath: root.appendingPathComponent(r.file).path) {
            count[r.id, default: 0] += 1
        }
        for q in doc.quarantine ?? [] {
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(q.quarantinedFile).path) { count[q.record.id, default: 0] += 1 }
            // The quarantined image must not also be back under its main name.
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(q.record.file).path) { count[q.record.id, default: 0] += 1 }
        }
        return count
    }

    func document(_ name: String) throws -> DatasetDocument { try DatasetFolder(path(name)).load() }
}
