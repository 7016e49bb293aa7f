import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// Fixture loading and image comparison for the Augment tests.
enum Fixture {
    static func url(_ name: String) throws -> URL {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        return try #require(Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures"))
    }

    static func image(_ name: String) throws -> PixelImage {
        try ImageCodec.decode(Data(contentsOf: url(name))).image
    }

    /// Writes `count` textured PNGs named `img0.png`… into `folder`.
    static func writeImages(_ count: Int, side: Int, in folder: URL, seed: UInt64 = 1) throws {
        for i in 0..<count {
            let png = try ImageCodec.pngData(SyntheticImage.textured(width: side, height: side, seed: seed + UInt64(i)))
            try png.write(to: folder.appendingPathComponent("img\(i).png"))
        }
    }
}

/// Peak signal-to-noise ratio over all channels, in dB (∞ when identical).
func psnr(_ a: PixelImage, _ b: PixelImage) -> Double {
    precondition(a.width == b.width && a.height == b.height && a.channels == b.channels)
    var se = 0.0
    for i in 0..<a.pixels.count {
        let d = Double(a.pixels[i]) - Double(b.pixels[i])
        se += d * d
    }
    let mse = se / Double(a.pixels.count)
    return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
}
