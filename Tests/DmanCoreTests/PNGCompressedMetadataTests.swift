import DmanCore
import Foundation
import Testing

/// The compressed metadata chunks a PNG decompression bomb hides in are
/// dropped before decoding; every other chunk is kept byte for byte.
@Suite struct PNGCompressedMetadataTests {
    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let t = Array(type.utf8)
        let crc: UInt32 = 0x1234_5678  // the stripper walks lengths, it does not check CRCs
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        return be(UInt32(body.count)) + t + body + be(crc)
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    @Test func dropsZTXtITXtAndICCPOnly() {
        let ihdr = Self.chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
        let text = Self.chunk("tEXt", Array("Comment\0hi".utf8))
        let idat = Self.chunk("IDAT", [1, 2, 3])
        let iend = Self.chunk("IEND", [])
        let bombs = Self.chunk("zTXt", [0x6B, 0, 0] + [UInt8](repeating: 0x78, count: 50))
            + Self.chunk("iCCP", Array("p\0\0".utf8) + [9, 9]) + Self.chunk("iTXt", Array("k\0\0\0\0\0v".utf8))
        let input = Data(Self.signature + ihdr + bombs + text + idat + iend)
        #expect(PNGCompressedMetadata.stripped(input) == Data(Self.signature + ihdr + text + idat + iend))
    }

    @Test func bytesWithoutThoseChunksOrNotAPNGAreReturnedUnchanged() {
        let plain = Data(Self.signature + Self.chunk("IHDR", [UInt8](repeating: 1, count: 13)) + Self.chunk("IEND", []))
        #expect(PNGCompressedMetadata.stripped(plain) == plain)
        let junk = Data([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
        #expect(PNGCompressedMetadata.stripped(junk) == junk)
    }
}
