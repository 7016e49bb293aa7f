import Crop
import DmanCore
import Foundation

/// Turns a listed picture into the bytes a browser shows: its upright pixels
/// (the ones `dman crop` plans in) and a small thumbnail, both cached on disk.
///
/// A JPEG whose EXIF orientation is not 1, and any format browsers do not
/// draw (TIFF), is decoded by ``ImageCodec`` (orientation applied, pixel
/// area capped) and sent as PNG; every other picture is sent as its own
/// bytes, typed by its content rather than its name. Conversions and
/// thumbnails are written to ``cacheFolder`` and keyed by name, size and
/// modification time, so a rerun reuses them and an edited file is redone.
/// Decoding runs on dispatch queues, never on the server's async threads.
public final class PictureRenderer: Sendable {
    /// Where converted pictures and thumbnails are kept.
    public let cacheFolder: URL
    /// Thumbnail height in pixels (the filmstrip and the review grid scale it down).
    public let thumbnailHeight: Int
    private let uprightQueue = DispatchQueue(label: "dman.webui.upright", qos: .userInitiated, attributes: .concurrent)
    private let thumbnailQueue = DispatchQueue(label: "dman.webui.thumbnails", qos: .utility)

    public init(cacheFolder: URL, thumbnailHeight: Int = 128) {
        self.cacheFolder = cacheFolder
        self.thumbnailHeight = thumbnailHeight
    }

    /// Bytes and MIME type of `url`'s upright pixels.
    public func upright(_ url: URL) async throws(WebUIError) -> (data: Data, type: String) {
        let data = try read(url)
        guard let format = RasterFormat(sniffing: data.prefix(16)) else {
            throw .unreadablePicture(path: url.lastPathComponent, detail: "not a PNG, JPEG, GIF, BMP, TIFF or WebP picture")
        }
        let needsDecode = format == .tiff || (format == .jpeg && (JPEGOrientation.read(data) ?? 1) > 1)
        guard needsDecode else { return (data, Self.mimeType(format)) }
        let png = try await cached(url, kind: "upright", on: uprightQueue) { () throws(MagickError) in
            try ImageCodec.pngData(try ImageCodec.decode(data).image)
        }
        return (png, "image/png")
    }

    /// A PNG thumbnail of `url`, ``thumbnailHeight`` high (upright, aspect kept, at most 4× as wide).
    public func thumbnail(_ url: URL) async throws(WebUIError) -> Data {
        let height = thumbnailHeight
        let data = try read(url)
        return try await cached(url, kind: "thumb\(height)", on: thumbnailQueue) { () throws(MagickError) in
            var reduction = 1
            if let info = ImageCodec.headerInfo(data) {
                let short = min(info.width, info.height)
                reduction = [8, 4, 2].first { short / $0 >= height } ?? 1
            }
            let image = try ImageCodec.decode(data, maxPixels: nil, jpegReduction: reduction).image
            let h = min(height, image.height)
            let w = max(1, min(4 * h, Int((Double(image.width) * Double(h) / Double(image.height)).rounded())))
            let magick = try MagickImage(image)
            try magick.resize(width: w, height: h, filter: .triangle)
            return try magick.pngData()
        }
    }

    private func read(_ url: URL) throws(WebUIError) -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw .unreadablePicture(path: url.lastPathComponent, detail: "cannot be read")
        }
    }

    /// The cached result of `make` for this file, computing and storing it on `queue` when missing.
    private func cached(_ url: URL, kind: String, on queue: DispatchQueue,
                        _ make: @escaping @Sendable () throws(MagickError) -> Data) async throws(WebUIError) -> Data {
        let file = cacheFolder.appendingPathComponent(kind).appendingPathComponent(Self.key(url) + ".png")
        if let hit = FileManager.default.contents(atPath: file.path) { return hit }
        let result: Result<Data, MagickError> = await withCheckedContinuation { done in
            queue.async { done.resume(returning: Result { () throws(MagickError) in try make() }) }
        }
        switch result {
        case .failure(let error): throw .unreadablePicture(path: url.lastPathComponent, detail: error.description)
        case .success(let data):
            // The cache is a convenience: a folder we cannot write only costs the next request a decode.
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? AtomicFile.write(data, to: file, flush: false)
            return data
        }
    }

    /// Name, size and modification time of the file, hashed: a changed file gets a new entry.
    static func key(_ url: URL) -> String {
        let a = try? FileManager.default.attributesOfItem(atPath: url.path)
        let size = (a?[.size] as? NSNumber)?.int64Value ?? -1
        let mtime = (a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return String(SHA256.hex(Array("\(url.path)\u{0}\(size)\u{0}\(mtime)".utf8)).prefix(32))
    }

    static func mimeType(_ format: RasterFormat) -> String {
        switch format {
        case .png: return "image/png"
        case .jpeg: return "image/jpeg"
        case .gif: return "image/gif"
        case .bmp: return "image/bmp"
        case .tiff: return "image/tiff"
        case .webp: return "image/webp"
        }
    }
}
