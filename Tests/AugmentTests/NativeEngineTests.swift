import Augment
import DmanCore
import DmanTestSupport
import Foundation
import Testing

/// The native kernels stand in for ImageMagick only where they match it:
/// PSNR ≥ 40 dB against the MagickWand path (itself bit-exact with the CLI goldens).
@Suite struct NativeEngineTests {
    static let chains: [[TransformStep]] = [
        [.rotate(Rotate(angle: 5, fill: .edge))],
        [.rotate(Rotate(angle: -7, fill: .mirror))],
        [.rotate(Rotate(angle: 12, fill: .crop))],
        [.scale(Scale(factor: 0.9, fill: .mirror)), .shift(Shift(x: 3, y: -2, fill: .mirror))],
        [.scale(Scale(factor: 1.1, fill: .edge))],
        [.unsharp(UnsharpMask(radius: 0, sigma: 1, gain: 1, threshold: 0.05))],
        [.unsharp(UnsharpMask(radius: 2, sigma: 1.5, gain: 2, threshold: 0))],
        [.resize(Resize(width: 32, height: 32))],
        [.resize(Resize(width: 48, height: 20))],
        [.flip(Flip())],
        [.flip(Flip()), .rotate(Rotate(angle: -5)), .unsharp(UnsharpMask()), .resize(Resize(width: 32, height: 32))],
    ]

    @Test(arguments: chains)
    func nativeMatchesMagick(steps: [TransformStep]) throws {
        for picture in [try Fixture.image("in.png"), SyntheticImage.textured(width: 64, height: 64, seed: 77)] {
            #expect(Rendering.usesNative(steps, picture, .automatic))
            let native = try Rendering.image(of: steps, on: picture, engine: .automatic)
            let magick = try Rendering.image(of: steps, on: picture, engine: .magick)
            let db = psnr(native, magick)
            print("native vs magick \(steps.map(\.token)): \(db) dB")
            #expect(db >= 40, "\(steps.map(\.token)): \(db) dB")
        }
    }

    @Test func nativeMatchesTheCLIGoldens() throws {
        let input = try Fixture.image("in.png")
        let db = psnr(try Rendering.image(of: [.rotate(Rotate(angle: 5))], on: input), try Fixture.image("rotate_edge_5.png"))
        #expect(db >= 40)
        let u = psnr(try Rendering.image(of: [.unsharp(UnsharpMask(radius: 2, sigma: 1.5, gain: 2, threshold: 0))], on: input),
                     try Fixture.image("unsharp_2x1.5+2+0.png"))
        #expect(u >= 40)
    }

    @Test func colourStepsAndAlphaUseImageMagick() {
        let rgb = SyntheticImage.textured(width: 8, height: 8, seed: 1)
        #expect(!Rendering.usesNative([.brightness(Brightness(percent: 2))], rgb, .automatic))
        #expect(!Rendering.usesNative([.flip(Flip())], rgb, .magick))
        let rgba = PixelImage(width: 8, height: 8, channels: 4)
        #expect(!Rendering.usesNative([.flip(Flip())], rgba, .automatic))
    }
}
