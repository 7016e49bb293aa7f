import DmanCore
import DmanTestSupport
import Foundation
import GANCore
import Testing

private struct SWDReference: Decodable {
    var seed: UInt64
    var images: Int
    var size: Int
    var perLevel: [Double]
    var average: Double
}

/// The integer formulas of `formula_sets()` in bench/gan-extras/swd_reference.py.
private func swdFormulaSets(count: Int, size: Int) -> (real: [PixelImage], fake: [PixelImage]) {
    var real: [PixelImage] = [], fake: [PixelImage] = []
    for i in 0..<count {
        var a = PixelImage(width: size, height: size), b = a
        for y in 0..<size {
            for x in 0..<size {
                for c in 0..<3 {
                    let r = (x * (i % 5 + 1) * 3 + y * (2 * i + 5) + c * 85 + ((x / 8 + y / 8 + i) % 2) * 60
                        + (x * y * (c + 1)) % 37) % 256
                    let f = (((x + 3 * i) / 4) * 9 + ((y + i) / 2) * 5 + c * 70 + ((x * x + y * i) % 23) * 3) % 256
                    a.pixels[(y * size + x) * 3 + c] = UInt8(r)
                    b.pixels[(y * size + x) * 3 + c] = UInt8(f)
                }
            }
        }
        real.append(a)
        fake.append(b)
    }
    return (real, fake)
}

/// Box blur of radius `r` (clamped borders), applied `r > 0` times as strength grows.
private func swdBoxBlur(_ image: PixelImage, radius r: Int) -> PixelImage {
    guard r > 0 else { return image }
    var out = image
    let (w, h) = (image.width, image.height)
    for y in 0..<h {
        for x in 0..<w {
            for c in 0..<3 {
                var s = 0, n = 0
                for dy in -r...r {
                    for dx in -r...r {
                        let yy = min(max(y + dy, 0), h - 1), xx = min(max(x + dx, 0), w - 1)
                        s += Int(image.pixels[(yy * w + xx) * 3 + c]); n += 1
                    }
                }
                out.pixels[(y * w + x) * 3 + c] = UInt8((s + n / 2) / n)
            }
        }
    }
    return out
}

@Suite struct SlicedWassersteinTests {
    @Test func matchesTheNumPyReferenceWithinOnePercent() throws {
        let url = try #require(Bundle.module.url(forResource: "swd_reference", withExtension: "json", subdirectory: "Fixtures"))
        let ref = try JSONDecoder().decode(SWDReference.self, from: Data(contentsOf: url))
        let sets = swdFormulaSets(count: ref.images, size: ref.size)
        let swd = try SlicedWasserstein.distance(real: sets.real, fake: sets.fake, seed: ref.seed)
        #expect(swd.perLevel.count == ref.perLevel.count)
        for (mine, theirs) in zip(swd.perLevel, ref.perLevel) {
            #expect(abs(mine - theirs) / theirs < 0.01, "level: swift \(mine) vs numpy \(theirs)")
        }
        let relative = abs(swd.average - ref.average) / ref.average
        print("SWD average swift \(swd.average) numpy \(ref.average) relative difference \(relative)")
        #expect(relative < 0.01)
    }

    @Test func identicalSetsGiveZeroAndTheSeedMatters() throws {
        let images = (0..<12).map { SyntheticImage.textured(width: 32, height: 32, seed: UInt64($0)) }
        let same = try SlicedWasserstein.distance(real: images, fake: images, seed: 5)
        #expect(same.perLevel.count == 2)  // 32 and 16 px
        #expect(same.average < 1e-9)
        let others = (100..<112).map { SyntheticImage.textured(width: 32, height: 32, seed: UInt64($0)) }
        let a = try SlicedWasserstein.distance(real: images, fake: others, seed: 5)
        let b = try SlicedWasserstein.distance(real: images, fake: others, seed: 5)
        let c = try SlicedWasserstein.distance(real: images, fake: others, seed: 6)
        #expect(a.average > 1 && a.perLevel == b.perLevel && a.perLevel != c.perLevel)
    }

    @Test func growsMonotonicallyWithBlur() throws {
        let images = (0..<16).map { SyntheticImage.textured(width: 64, height: 64, seed: UInt64(40 + $0)) }
        var previous = try SlicedWasserstein.distance(real: images, fake: images, seed: 3)
        for radius in 1...3 {
            let blurred = images.map { swdBoxBlur($0, radius: radius) }
            let swd = try SlicedWasserstein.distance(real: images, fake: blurred, seed: 3)
            print("SWD blur radius \(radius): \(swd.perLevel) avg \(swd.average)")
            #expect(swd.average > previous.average, "radius \(radius): \(swd.average) <= \(previous.average)")
            #expect(swd.perLevel[0] > previous.perLevel[0])
            previous = swd
        }
    }

    @Test func rejectsMismatchedSets() {
        let a = [SyntheticImage.textured(width: 32, height: 32, seed: 1)]
        let b = [SyntheticImage.textured(width: 64, height: 64, seed: 1)]
        #expect(throws: SlicedWassersteinError.countMismatch(real: 1, fake: 2)) {
            try SlicedWasserstein.distance(real: a, fake: a + a, seed: 1)
        }
        #expect(throws: SlicedWassersteinError.sizeMismatch(expected: "32x32", found: "64x64")) {
            try SlicedWasserstein.distance(real: a, fake: b, seed: 1)
        }
        let tiny = [SyntheticImage.textured(width: 8, height: 8, seed: 1)]
        #expect(throws: SlicedWassersteinError.unsupportedSize("8x8")) {
            try SlicedWasserstein.distance(real: tiny, fake: tiny, seed: 1)
        }
    }
}

@Suite struct FloatRadixSortTests {
    @Test func sortsLikeTheStandardLibrary() {
        var rng = SplitMix64(seed: 21)
        var values: [Float] = [0, -0.0, .infinity, -.infinity, 1e-38, -1e-38, 3, -3, 3, .greatestFiniteMagnitude]
        values += (0..<5000).map { _ in Float(rng.nextUnitDouble() * 2000 - 1000) }
        let expected = values.sorted()
        var keys = [UInt32](repeating: 0, count: 2 * values.count)
        values.withUnsafeMutableBufferPointer { v in
            keys.withUnsafeMutableBufferPointer { FloatRadixSort.sort(v.baseAddress!, count: v.count, scratch: $0.baseAddress!) }
        }
        #expect(values == expected)   // == treats −0 and 0 as equal, as the SWD does
    }
}

@Suite struct SlicedWassersteinJobsTests {
    @Test func resultDoesNotDependOnTheNumberOfWorkers() throws {
        let a = (0..<6).map { SyntheticImage.textured(width: 32, height: 32, seed: UInt64($0)) }
        let b = (0..<6).map { SyntheticImage.textured(width: 32, height: 32, seed: UInt64(50 + $0)) }
        var one = SlicedWasserstein.Configuration.progan
        one.jobs = 1
        var three = one
        three.jobs = 3
        let x = try SlicedWasserstein.distance(real: a, fake: b, seed: 8, configuration: one)
        let y = try SlicedWasserstein.distance(real: a, fake: b, seed: 8, configuration: three)
        #expect(x.perLevel == y.perLevel)
    }
}
