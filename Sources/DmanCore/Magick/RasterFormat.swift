/// The raster formats dman reads, recognised by their leading bytes.
///
/// A file is decoded only after its content is recognised here; the matching
/// ImageMagick coder is then named explicitly, so a vector or script payload
/// (MVG, MSL, SVG, TEXT, URL, EPHEMERAL, ...) under any file name never
/// reaches a coder that would interpret it.
public enum RasterFormat: String, Sendable, Codable, CaseIterable {
    case png = "PNG"
    case jpeg = "JPEG"
    case gif = "GIF"
    case bmp = "BMP"
    case tiff = "TIFF"
    case webp = "WEBP"

    /// Recognises a format from the first bytes of a file, or `nil`.
    public init?(sniffing bytes: some Collection<UInt8>) {
        let b = Array(bytes.prefix(16))
        func starts(_ p: [UInt8]) -> Bool { b.count >= p.count && Array(b[0..<p.count]) == p }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
        else if starts([0xFF, 0xD8, 0xFF]) { self = .jpeg }
        else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { self = .gif }
        else if starts([0x42, 0x4D]) && b.count >= 14 { self = .bmp }
        else if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { self = .tiff }
        else if starts(Array("RIFF".utf8)) && b.count >= 12 && Array(b[8..<12]) == Array("WEBP".utf8) { self = .webp }
        else { return nil }
    }

    /// ImageMagick coder name.
    var coder: String { rawValue }

    /// Usual file extensions, lower case, for listing image folders.
    public static let fileExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp"]
}
