import DmanCore
import Foundation

/// `dman augment --replay`: finds one output's record, re-renders it from its
/// parent and compares the bytes with the recorded SHA-256.
///
/// A record does not name the engine its run used, so the asked engine is
/// tried first and the other one when the bytes differ.
///
///     let check = try ReplayCheck.run(reference: "pic_0_rot+5", input: crops, output: augmented)
///     assert(check.identical)
public struct ReplayCheck: Sendable, Equatable, Encodable {
    /// The record's id.
    public var id: String
    /// Whether the re-rendered bytes equal the recorded ones.
    public var identical: Bool
    /// The engine whose bytes are reported (the one that matched, if any did).
    public var engine: String
    /// SHA-256 of the re-rendered PNG.
    public var sha256: String
    /// SHA-256 in the record.
    public var recorded: String
    /// Where the re-rendered PNG was written, if asked.
    public var written: String?
    /// The re-rendered PNG (not encoded in JSON).
    public var png: Data

    enum CodingKeys: String, CodingKey { case id, identical, engine, sha256, recorded, written }

    /// Re-renders the record `reference` names: inline record JSON, a `.json`
    /// file holding one record, or an id in `output`'s `dataset.json`. With
    /// `writeTo`, the PNG is also written there atomically.
    public static func run(reference: String, input: URL, output: URL, engine: Rendering.Engine = .automatic,
                           writeTo: URL? = nil) throws(AugmentError) -> ReplayCheck {
        let record = try findRecord(reference, output: output)
        var used = engine
        var png = try Replay.png(of: record, input: input, engine: used)
        if SHA256.hex(png) != record.sha256 {
            let other: Rendering.Engine = used == .automatic ? .magick : .automatic
            let again = try Replay.png(of: record, input: input, engine: other)
            if SHA256.hex(again) == record.sha256 { png = again; used = other }
        }
        if let writeTo {
            do { try AtomicFile.write(png, to: writeTo) } catch { throw .write(error) }
        }
        let hash = SHA256.hex(png)
        return ReplayCheck(id: record.id, identical: hash == record.sha256, engine: used.rawValue, sha256: hash,
                           recorded: record.sha256, written: writeTo?.path, png: png)
    }

    /// The record `reference` names (see ``run(reference:input:output:engine:writeTo:)``).
    public static func findRecord(_ reference: String, output: URL) throws(AugmentError) -> DatasetRecord {
        let trimmed = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        var json: Data?
        if trimmed.hasPrefix("{") { json = Data(trimmed.utf8) }
        else if trimmed.hasSuffix(".json") {
            do { json = try InputFile.read(URL(fileURLWithPath: trimmed)) } catch { throw .input(path: trimmed, detail: error.reason) }
        }
        if let json {
            do { return try JSONDecoder().decode(DatasetRecord.self, from: json) } catch {
                throw .replay(detail: "record JSON: \(JSONDiagnostics.describe(error))")
            }
        }
        let doc: DatasetDocument
        do { doc = try DatasetFolder(output).load() } catch { throw .dataset(error) }
        guard let r = doc.records.first(where: { $0.id == trimmed }) else {
            throw .replay(detail: "no record \(trimmed) in \(DatasetFolder(output).documentURL.path)")
        }
        return r
    }
}
