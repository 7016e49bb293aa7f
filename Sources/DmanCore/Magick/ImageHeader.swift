/// Image dimensions read from a file header without decoding pixels, so that
/// a decompression bomb is refused before any pixel memory is allocated.
enum ImageHeader {
    /// Width and height as the header declares them, or `nil` when this
    /// reader does not know the layout (the caller then pings the coder).
    static func dimensions(of bytes: [UInt8], format: RasterFormat) -> (width: Int, height: Int)? {
        switch format {
        case .png:
            // Signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4).
            guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
            return (be32(bytes, 16), be32(bytes, 20))
        case .gif:
            guard bytes.count >= 10 else { return nil }
            return (Int(bytes[6]) | Int(bytes[7]) << 8, Int(bytes[8]) | Int(bytes[9]) << 8)
        case .bmp:
            guard bytes.count >= 26 else { return nil }
            let w = Int(Int32(bitPattern: UInt32(le32(bytes, 18))))
            let h = Int(Int32(bitPattern: UInt32(le32(bytes, 22))))
            return (abs(w), abs(h))
        case .jpeg:
            return jpegDimensions(bytes)
        case .tiff, .webp:
            return nil
        }
    }

    private static func be32(_ b: [UInt8], _ o: Int) -> Int {
        Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3])
    }

    private static func le32(_ b: [UInt8], _ o: Int) -> Int {
        Int(b[o]) | Int(b[o + 1]) << 8 | Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24
    }

    /// Walks JPEG markers to the first start-of-frame segment.
    private static func jpegDimensions(_ b: [UInt8]) -> (width: Int, height: Int)? {
        var i = 2
        while i + 9 < b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            let isSOF = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isSOF {
                let h = Int(b[i + 5]) << 8 | Int(b[i + 6])
                let w = Int(b[i + 7]) << 8 | Int(b[i + 8])
                return (w, h)
            }
            if length < 2 { return nil }
            i += 2 + length
        }
        return nil
    }
}
