import DmanCore
import DmanTestSupport
import GANCore
import Testing

@Suite struct MemorisationTests {
    private let training = (0..<40).map { SyntheticImage.textured(width: 64, height: 64, seed: UInt64(300 + $0)) }

    @Test func exactCopiesAreMemorisedAndFindTheirSource() throws {
        let picks = [3, 17, 0, 39, 22, 8]
        let samples = picks.map { training[$0] }
        let report = try MemorisationCheck.run(samples: samples, training: training)
        #expect(report.nearest == picks)
        #expect(report.nearestDistance.allSatisfy { $0 == 0 })
        #expect(report.memorisedFraction == 1.0)
        #expect(report.threshold > 0)
        #expect(zip(report.secondNearest, picks).allSatisfy { $0 != $1 && $0 >= 0 })
        #expect(report.secondDistance.allSatisfy { $0 >= report.threshold })
    }

    @Test func freshRandomImagesAreNotMemorised() throws {
        var rng = SplitMix64(seed: 77)
        let samples = (0..<16).map { _ in
            var image = PixelImage(width: 64, height: 64)
            for i in image.pixels.indices { image.pixels[i] = UInt8(truncatingIfNeeded: rng.next()) }
            return image
        }
        let fresh = (0..<16).map { SyntheticImage.textured(width: 64, height: 64, seed: UInt64(9_000 + $0)) }
        let noise = try MemorisationCheck.run(samples: samples, training: training)
        #expect(noise.memorisedFraction == 0)
        let unseen = try MemorisationCheck.run(samples: fresh, training: training)
        #expect(unseen.memorisedFraction <= 0.25)   // same family as training, but not copies
        #expect(unseen.nearestDistance.allSatisfy { $0 > 0 })
    }

    @Test func distanceIsMeanSquaredDifferenceAt32Pixels() {
        var black = PixelImage(width: 64, height: 64), white = black
        for i in white.pixels.indices { white.pixels[i] = 255 }
        let d = MemorisationCheck.distance(MemorisationCheck.features(black), MemorisationCheck.features(white))
        #expect(abs(d - 4) < 1e-9)   // (-1 − 1)² everywhere
        // half white: left 32 columns → 16 of 32 downsampled columns differ
        var half = black
        for y in 0..<64 { for x in 0..<32 { for c in 0..<3 { half.pixels[(y * 64 + x) * 3 + c] = 255 } } }
        #expect(abs(MemorisationCheck.distance(MemorisationCheck.features(black), MemorisationCheck.features(half)) - 2) < 1e-9)
        #expect(MemorisationCheck.features(black).count == 32 * 32 * 3)
    }

    @Test func gridShowsSampleNearestAndSecondNearest() throws {
        let samples = [training[5], training[6], training[7]]
        let report = try MemorisationCheck.run(samples: samples, training: training)
        let grid = MemorisationCheck.nearestGrid(samples: samples, training: training, report: report, tripletsPerRow: 2)
        // 2 triplets per row, 2 rows; cells 64 px, gutters 2 (inner) and 8 (outer),
        // under a 24 px band holding the caption and the column names.
        let band = 24
        #expect(grid.width == 2 * (3 * 64 + 4) + 3 * 8 && grid.height == band + 2 * 64 + 3 * 8)
        let ink = (0..<band).flatMap { y in (0..<grid.width).map { x in grid[x, y] } }.filter { $0 == [0, 0, 0] }.count
        #expect(ink > 100, "caption and column names are drawn in the band")
        // Second sample's nearest cell (triplet 1, cell 1) holds training[6] inside its frame.
        let ox = 8 + (3 * 64 + 4 + 8) + 64 + 2, oy = band + 8
        for (x, y) in [(10, 10), (40, 33), (60, 5)] {
            #expect(grid[ox + x, oy + y] == training[6][x, y])
        }
        // Memorised sample cells are framed in red.
        #expect(grid[8, band + 8] == [230, 20, 20])
        #expect(throws: MemorisationError.tooFewTrainingImages(1)) {
            try MemorisationCheck.run(samples: samples, training: [training[0]])
        }
    }
}
