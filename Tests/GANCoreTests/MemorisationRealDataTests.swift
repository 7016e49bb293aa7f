import DmanCore
import Foundation
import GANCore
import Testing

/// Opt-in figures for the mode count and memorisation check on a real folder
/// (see ``ExtrasRealData``; skipped unless `DMAN_EXTRAS_DATA` is set).
@Suite(.enabled(if: ExtrasRealData.folder != nil)) struct MemorisationRealDataTests {
    /// A 64-bit DCT perceptual hash like imagehash.phash (luma area-averaged to
    /// 32×32, 2-D DCT-II, top-left 8×8 against their median); a stand-in for
    /// the audit's pHash. (An 8×8 average hash chains sprites on flat
    /// backgrounds into a few clusters, so it is not used for figures.)
    private static func dctHash(_ image: PixelImage) -> UInt64 {
        let luma = image.luma(), n = 32
        var g = [Double](repeating: 0, count: n * n)
        for y in 0..<n {
            for x in 0..<n {
                let y0 = y * image.height / n, y1 = max(y0 + 1, (y + 1) * image.height / n)
                let x0 = x * image.width / n, x1 = max(x0 + 1, (x + 1) * image.width / n)
                var s = 0.0
                for yy in y0..<y1 { for xx in x0..<x1 { s += Double(luma[yy * image.width + xx]) } }
                g[y * n + x] = s / Double((y1 - y0) * (x1 - x0))
            }
        }
        var basis = [Double](repeating: 0, count: 8 * n)  // cos(π(2x+1)u / 2n), u < 8
        for u in 0..<8 { for x in 0..<n { basis[u * n + x] = cos(Double.pi * Double((2 * x + 1) * u) / Double(2 * n)) } }
        var coeff = [Double](repeating: 0, count: 64)
        for v in 0..<8 {
            for u in 0..<8 {
                var s = 0.0
                for y in 0..<n { for x in 0..<n { s += g[y * n + x] * basis[v * n + y] * basis[u * n + x] } }
                coeff[v * 8 + u] = s
            }
        }
        let median = coeff.sorted()[31...32].reduce(0, +) / 2
        var h: UInt64 = 0
        for (i, c) in coeff.enumerated() where c > median { h |= 1 << UInt64(i) }
        return h
    }

    @Test func heldOutHalfAgainstTrainingHalf() throws {
        let images = try ExtrasRealData.load()
        let half = images.count / 2
        let train = Array(images[..<half]), held = Array(images[half...])
        var start = Date()
        let heldOut = try MemorisationCheck.run(samples: held, training: train)
        let copies = try MemorisationCheck.run(samples: Array(train.prefix(64)), training: train)
        print("memorisation: held-out half \(heldOut.memorisedFraction) (threshold \(heldOut.threshold), p5), "
              + "copies \(copies.memorisedFraction); \(Date().timeIntervalSince(start)) s")
        #expect(copies.memorisedFraction == 1)
        #expect(heldOut.memorisedFraction < 0.5)
        start = Date()
        let modes = ModeCount.report(fake: held, real: train, threshold: 10, hash: Self.dctHash)
        let all = ModeCount.clusters(hashes: images.map(Self.dctHash), threshold: 10)
        print("mode count (DCT hash, threshold 10): \(modes.message); whole set \(all)/\(images.count); \(Date().timeIntervalSince(start)) s")
        let grid = MemorisationCheck.nearestGrid(samples: Array(held.prefix(16)), training: train,
                                                 report: try MemorisationCheck.run(samples: Array(held.prefix(16)), training: train))
        if let out = ProcessInfo.processInfo.environment["DMAN_EXTRAS_OUT"] {
            try AtomicFile.write(ImageCodec.pngData(grid), to: URL(fileURLWithPath: out).appendingPathComponent("nearest-heldout.png"))
        }
    }
}
