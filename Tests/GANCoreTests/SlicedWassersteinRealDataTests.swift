import DmanCore
import Foundation
import GANCore
import Testing

/// Opt-in figures on a real image folder (skipped unless `DMAN_EXTRAS_DATA` is
/// set; run by bench/gan-extras/run_realdata.sh, which also times the NumPy
/// reference and passes its JSON in `DMAN_EXTRAS_SWD_REF`).
enum ExtrasRealData {
    static var folder: String? { ProcessInfo.processInfo.environment["DMAN_EXTRAS_DATA"] }

    /// The folder's `*.png` files in sorted name order, decoded.
    static func load() throws -> [PixelImage] {
        let dir = URL(fileURLWithPath: try #require(folder))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }.sorted()
        return try names.map { try ImageCodec.decode(Data(contentsOf: dir.appendingPathComponent($0))).image }
    }
}

@Suite(.enabled(if: ExtrasRealData.folder != nil)) struct SlicedWassersteinRealDataTests {
    @Test func halvesOfTheRealSetAgainstNumPy() throws {
        let images = try ExtrasRealData.load()
        let half = images.count / 2
        let a = Array(images[..<half]), b = Array(images[half..<(2 * half)])
        let start = Date()
        let swd = try SlicedWasserstein.distance(real: a, fake: b, seed: 1234)
        let seconds = Date().timeIntervalSince(start)
        print("swift SWD halves (\(2 * half) images): \(swd.perLevel) avg \(swd.average) in \(seconds) s")
        if let path = ProcessInfo.processInfo.environment["DMAN_EXTRAS_SWD_REF"] {
            struct Ref: Decodable { var perLevel: [Double]; var average: Double; var seconds: Double }
            let ref = try JSONDecoder().decode(Ref.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            let rel = abs(swd.average - ref.average) / ref.average
            print("numpy SWD avg \(ref.average) in \(ref.seconds) s; relative difference \(rel); time ratio swift/numpy \(seconds / ref.seconds)")
            #expect(rel < 0.01)
        }
        // Context: the same halves with B blurred (box 3×3, twice) score worse.
        let blurred = b.map { blur3($0) }.map { blur3($0) }
        let worse = try SlicedWasserstein.distance(real: a, fake: blurred, seed: 1234)
        print("swift SWD halves, B blurred: \(worse.perLevel) avg \(worse.average)")
        #expect(worse.average > swd.average)
    }

    private func blur3(_ image: PixelImage) -> PixelImage {
        var out = image
        let (w, h, c) = (image.width, image.height, image.channels)
        for y in 0..<h {
            for x in 0..<w {
                for k in 0..<min(c, 3) {
                    var s = 0
                    for dy in -1...1 { for dx in -1...1 {
                        s += Int(image.pixels[(min(max(y + dy, 0), h - 1) * w + min(max(x + dx, 0), w - 1)) * c + k])
                    } }
                    out.pixels[(y * w + x) * c + k] = UInt8((s + 4) / 9)
                }
            }
        }
        return out
    }
}
