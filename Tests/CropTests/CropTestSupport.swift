import Crop
import DmanCore
import DmanTestSupport
import Foundation

/// Fixture access and small helpers shared by the crop tests.
enum Fixtures {
    static var url: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }
    static func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Copies a fixture folder into a fresh temporary directory (tests that
    /// write next to inputs never touch the bundle).
    static func copy(_ relative: String, into dir: TemporaryDirectory) throws -> URL {
        let dst = dir.path(URL(fileURLWithPath: relative).lastPathComponent)
        try FileManager.default.copyItem(at: path(relative), to: dst)
        return dst
    }
}

/// A progress handler that records every event (thread-safe).
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ProgressEvent] = []

    var handler: ProgressHandler { { [self] e in lock.lock(); events.append(e); lock.unlock() } }

    var failures: [String] {
        lock.lock(); defer { lock.unlock() }
        return events.compactMap { if case .itemFailed(let s) = $0 { return s.description }; return nil }
    }

    /// The typed errors the failures carry (issue 15: diagnostics as data, not text).
    var failureErrors: [any Error] {
        lock.lock(); defer { lock.unlock() }
        return events.compactMap { if case .itemFailed(let s) = $0 { return s.error }; return nil }
    }

    var warnings: [String] { typedWarnings.map(\.description) }

    /// The warnings as the library's values (`CropWarning`, or text).
    var typedWarnings: [ItemWarning] {
        lock.lock(); defer { lock.unlock() }
        return events.compactMap { if case .warning(let w) = $0 { return w }; return nil }
    }
}

/// Writes a PNG of `image` at `url`.
func writePNG(_ image: PixelImage, to url: URL) throws {
    try ImageCodec.pngData(image).write(to: url)
}

/// Runs a crop and returns the summary and the events.
func crop(_ manifest: URL, into out: URL, _ configure: (inout CropOptions) -> Void = { _ in }) throws -> (CropSummary, EventLog) {
    var options = CropOptions()
    options.jobs = 2
    configure(&options)
    let log = EventLog()
    let summary = try Cropper(manifest: manifest, output: out, options: options).run(progress: log.handler)
    return (summary, log)
}

/// The records of an output folder, by id.
func records(in folder: URL) throws -> [String: DatasetRecord] {
    let doc = try DatasetFolder(folder).load()
    return Dictionary(uniqueKeysWithValues: doc.records.map { ($0.id, $0) })
}
