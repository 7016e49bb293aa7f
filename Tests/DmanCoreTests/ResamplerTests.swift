import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// The one resampler against its references: Pillow exactly, ImageMagick
/// within one level (it rounds its intermediate to 16 bits). Goldens and the
/// commands that made them: `Fixtures/resample/make.sh`.
@Suite struct ResamplerTests {
    static func golden(_ name: String) throws -> PixelImage {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/resample/\(name)", withExtension: nil))
        return try ImageCodec.decode(Data(contentsOf: url)).image
    }

    /// Channel 0 of a grey PNG decoded as RGB.
    static func plane(_ image: PixelImage) -> [UInt8] {
        stride(from: 0, to: image.pixels.count, by: image.channels).map { image.pixels[$0] }
    }

    static func largestDifference(_ a: PixelImage, _ b: PixelImage) -> Int {
        precondition(a.width == b.width && a.height == b.height && a.channels == b.channels)
        return zip(a.pixels, b.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
    }

    @Test(arguments: [("lanczos", ResampleKernel.lanczos3), ("bicubic", .bicubic), ("box", .box), ("bilinear", .triangle)])
    func planesMatchPillowExactly(name: String, kernel: ResampleKernel) throws {
        let gray = try Self.golden("gray.png")
        for (w, h) in [(17, 13), (9, 8), (32, 32), (75, 50)] {
            let expected = Self.plane(try Self.golden("pil-\(name)-\(w)x\(h).png"))
            let got = Resampler.resizePlane(Self.plane(gray), width: gray.width, height: gray.height,
                                            toWidth: w, toHeight: h, kernel: kernel)
            #expect(got == expected, "\(name) \(w)x\(h)")
        }
    }

    @Test(arguments: [(20, 17), (70, 61), (64, 24)])
    func bytePathMatchesImageMagickLanczos(width: Int, height: Int) throws {
        let input = try Self.golden("in.png")
        let expected = try Self.golden("lanczos-\(width)x\(height).png")
        let columns = ResampleTable(kernel: .lanczos3, arithmetic: .imageMagickWindow, inSize: input.width, outSize: width)
        let rows = ResampleTable(kernel: .lanczos3, arithmetic: .imageMagickWindow, inSize: input.height, outSize: height)
        let got = Resampler.resample(input, columns: columns, rows: rows, order: .verticalFirst, rounding: .addHalf)
        #expect(Self.largestDifference(got, expected) <= 1)
    }

    @Test(arguments: [(20, 17), (70, 61), (64, 24)])
    func floatPathMatchesImageMagickLanczos(width: Int, height: Int) throws {
        let input = try Self.golden("in.png")
        let expected = try Self.golden("lanczos-\(width)x\(height).png")
        let src = (0..<(input.width * input.height)).map { p in
            SIMD4<Float>(Float(input.pixels[p * 3]), Float(input.pixels[p * 3 + 1]), Float(input.pixels[p * 3 + 2]), 0)
        }
        let xt = ResampleTable.cached(kernel: .lanczos3, arithmetic: .imageMagick, inSize: input.width, outSize: width)
        let yt = ResampleTable.cached(kernel: .lanczos3, arithmetic: .imageMagick, inSize: input.height, outSize: height)
        var mid = [SIMD4<Float>](repeating: .zero, count: width * input.height)
        var out = [SIMD4<Float>](repeating: .zero, count: width * height)
        src.withUnsafeBufferPointer { s in
            mid.withUnsafeMutableBufferPointer { m in
                SeparablePass.run(s, width: input.width, into: m, outWidth: width, outHeight: input.height, horizontal: true,
                                  taps: xt.stride, index: xt.paddedIndex, weight: xt.floatWeights)
            }
        }
        mid.withUnsafeBufferPointer { m in
            out.withUnsafeMutableBufferPointer { o in
                SeparablePass.run(m, width: width, into: o, outWidth: width, outHeight: height, horizontal: false,
                                  taps: yt.stride, index: yt.paddedIndex, weight: yt.floatWeights)
            }
        }
        let bytes = out.flatMap { v in (0..<3).map { UInt8(min(max(v[$0], 0), 255).rounded()) } }
        #expect(Self.largestDifference(PixelImage(width: width, height: height, channels: 3, pixels: bytes), expected) <= 1)
    }

    @Test func windowMatchesImageMagickCropThenResize() throws {
        let input = try Self.golden("in.png")
        let got = Resampler.lanczosWindow(input, x: 7, y: 5, side: 30, to: 16)
        #expect(Self.largestDifference(got, try Self.golden("window-30+7+5-lanczos-16.png")) <= 1)
        // A whole-pixel window is the same as cropping first: taps never leave the window.
        var cropped = PixelImage(width: 30, height: 30, channels: 3)
        for y in 0..<30 { for x in 0..<30 { for c in 0..<3 { cropped.pixels[(y * 30 + x) * 3 + c] = input.pixels[((y + 5) * 48 + x + 7) * 3 + c] } } }
        #expect(Resampler.lanczosWindow(cropped, x: 0, y: 0, side: 30, to: 16) == got)
    }

    @Test func triangleMatchesImageMagick() throws {
        let input = try Self.golden("in.png")
        let columns = ResampleTable(kernel: .triangle, arithmetic: .imageMagickWindow, inSize: 48, outSize: 20)
        let rows = ResampleTable(kernel: .triangle, arithmetic: .imageMagickWindow, inSize: 40, outSize: 17)
        let got = Resampler.resample(input, columns: columns, rows: rows, order: .verticalFirst, rounding: .addHalf)
        #expect(Self.largestDifference(got, try Self.golden("triangle-20x17.png")) <= 1)
    }

    @Test func everyTableIsNormalisedAndInside() {
        let arithmetics: [ResampleArithmetic] = [.imageMagick, .imageMagickWindow, .pillow]
        for kernel in ResampleKernel.allCases where kernel != .area {
            for arithmetic in arithmetics {
                for (n, m) in [(1, 1), (7, 3), (3, 7), (100, 32), (32, 100), (129, 64)] {
                    let t = ResampleTable(kernel: kernel, arithmetic: arithmetic, inSize: n, outSize: m)
                    for i in 0..<m {
                        let w = t.weights[(i * t.stride)..<(i * t.stride + t.count[i])]
                        #expect(abs(w.reduce(0, +) - 1) < 1e-9, "\(kernel) \(arithmetic) \(n)->\(m) at \(i)")
                        #expect(t.start[i] >= 0 && t.start[i] + t.count[i] <= n)
                    }
                }
            }
        }
    }

    @Test func boxAndAreaWeights() {
        let box = ResampleTable(kernel: .box, arithmetic: .pillow, inSize: 4, outSize: 2)
        #expect(box.start == [0, 2] && box.count == [2, 2] && box.weights == [0.5, 0.5, 0.5, 0.5])
        // Shrinking 3 → 2: each output covers 1.5 source pixels.
        let area = ResampleTable(kernel: .area, arithmetic: .imageMagickWindow, inSize: 3, outSize: 2)
        #expect(area.start == [0, 1] && area.count == [2, 2])
        #expect(area.floatWeights == [Float(2.0 / 3), Float(1.0 / 3), Float(1.0 / 3), Float(2.0 / 3)])
        // Enlarging 2 → 4: bilinear between the two pixels, edges clamped (a zero-weight tap at the left edge).
        let up = ResampleTable(kernel: .area, arithmetic: .imageMagickWindow, inSize: 2, outSize: 4)
        #expect(up.start == [0, 0, 0, 1] && up.count == [2, 2, 2, 1])
        #expect(up.floatWeights == [1, 0, 0.75, 0.25, 0.25, 0.75, 1, 0])
        // A whole-pixel window offsets the indices.
        let window = ResampleTable(kernel: .area, arithmetic: .imageMagickWindow, limit: 9, origin: 5, length: 3, outSize: 2)
        #expect(window.start == [5, 6] && window.paddedIndex == [5, 6, 6, 7])
    }

    @Test func centreSquareKeepsTheMiddleAndAverages() {
        let image = SyntheticImage.textured(width: 10, height: 6, seed: 4)
        let same = Resampler.centreSquare(image, side: 6)
        for y in 0..<6 { for x in 0..<6 { #expect(same[x, y] == image[x + 2, y]) } }
        let half = Resampler.centreSquare(image, side: 3)
        let mean = (0..<4).map { Int(image[2 + $0 % 2, $0 / 2][0]) }.reduce(0, +)
        #expect(abs(Int(half[0, 0][0]) - mean / 4) <= 1)
    }
}
