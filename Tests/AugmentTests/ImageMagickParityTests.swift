import Augment
import DmanCore
import Foundation
import Testing

/// dman's transforms against golden files made by ImageMagick's own CLI
/// (commands in Fixtures/README.md): PSNR must be at least 40 dB.
@Suite struct ImageMagickParityTests {
    struct Case: CustomStringConvertible, Sendable {
        let golden: String
        let steps: [TransformStep]
        var description: String { golden }
    }

    static let cases: [Case] = [
        Case(golden: "rotate_edge_5.png", steps: [.rotate(Rotate(angle: 5, fill: .edge))]),
        Case(golden: "rotate_mirror_-7.png", steps: [.rotate(Rotate(angle: -7, fill: .mirror))]),
        Case(golden: "rotate_crop_5.png", steps: [.rotate(Rotate(angle: 5, fill: .crop))]),
        Case(golden: "unsharp_0x1+1+0.05.png", steps: [.unsharp(UnsharpMask(radius: 0, sigma: 1, gain: 1, threshold: 0.05))]),
        Case(golden: "unsharp_2x1.5+2+0.png", steps: [.unsharp(UnsharpMask(radius: 2, sigma: 1.5, gain: 2, threshold: 0))]),
        Case(golden: "resize_32.png", steps: [.resize(Resize(width: 32, height: 32))]),
        Case(golden: "modulate_103_97.png", steps: [.brightness(Brightness(percent: 3)), .saturation(Saturation(percent: -3))]),
        Case(golden: "chain_flop_rot-5_unsharp_resize32.png",
             steps: [.flip(Flip()), .rotate(Rotate(angle: -5)), .unsharp(UnsharpMask()), .resize(Resize(width: 32, height: 32))]),
    ]

    @Test(arguments: cases)
    func matchesConvert(c: Case) throws {
        let input = try Fixture.image("in.png")
        let golden = try Fixture.image(c.golden)
        let ours = try Rendering.image(of: c.steps, on: input, engine: .magick)
        let db = psnr(ours, golden)
        #expect(db >= 40, "PSNR \(db) dB against \(c.golden)")
        // Guard against a vacuous pass: ours is nearer the golden than the untouched input is.
        if golden.width == input.width { #expect(db > psnr(input, golden) + 3, "input alone scores \(psnr(input, golden)) dB") }
        print("parity \(c.golden): \(db) dB (input alone: \(golden.width == input.width ? psnr(input, golden) : .nan) dB)")
    }

    @Test func unsharpGeometryParsesLikeImageMagick() throws {
        #expect(try UnsharpMask(parsing: "0x1+1+0.05") == UnsharpMask(radius: 0, sigma: 1, gain: 1, threshold: 0.05))
        #expect(try UnsharpMask(parsing: "2x0.5") == UnsharpMask(radius: 2, sigma: 0.5, gain: 1, threshold: 0.05))
        #expect(try UnsharpMask(parsing: "0x1+1.5").gain == 1.5)
        #expect(throws: AugmentError.self) { try UnsharpMask(parsing: "soft") }
        #expect(throws: AugmentError.self) { try UnsharpMask(parsing: "0x0+1+0.05") }
    }
}
