import Augment
import DmanCore
import DmanTestSupport
import Testing

/// Geometric transforms never leave blank, black, white or transparent corners.
@Suite struct CornerTests {
    static let flat: [[UInt8]] = [[0, 0, 0], [255, 255, 255], [128, 128, 128]]

    static func cornerPixels(_ image: PixelImage, size: Int = 4) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for (cx, cy) in [(0, 0), (image.width - size, 0), (0, image.height - size), (image.width - size, image.height - size)] {
            for y in cy..<(cy + size) { for x in cx..<(cx + size) { out.append(image[x, y]) } }
        }
        return out
    }

    static let geometries: [TransformStep] = GeometryFill.allCases.flatMap { fill -> [TransformStep] in
        [-30.0, -15, -5, 5, 15, 30].map { .rotate(Rotate(angle: $0, fill: fill)) }
            + [.scale(Scale(factor: 0.9, fill: fill)), .shift(Shift(x: 5, y: -4, fill: fill))]
    }

    @Test(arguments: geometries)
    func noFlatCorner(step: TransformStep) throws {
        let picture = SyntheticImage.textured(width: 64, height: 64, seed: 5)
        // The premise: the picture's own border holds none of the flat colours.
        var border: [[UInt8]] = []
        for i in 0..<64 { border += [picture[i, 0], picture[i, 63], picture[0, i], picture[63, i]] }
        #expect(border.allSatisfy { !Self.flat.contains($0) })
        let out = try Rendering.image(of: [step], on: picture)
        #expect(!out.hasAlpha)
        #expect(out.width == 64 && out.height == 64)
        let corners = Self.cornerPixels(out)
        #expect(corners.allSatisfy { !Self.flat.contains($0) }, "\(step)")
        // Rotated corners are not one uniform colour either (a filled wedge would be);
        // an edge-filled zoom-out or shift repeats the corner pixel, which is the picture's own colour.
        guard case .rotate = step else { return }
        for k in 0..<4 { #expect(Set(corners[(k * 16)..<(k * 16 + 16)]).count > 1, "\(step)") }
    }

    @Test func cropFillSamplesOnlyInsideThePicture() throws {
        // With `crop`, no output pixel comes from outside the picture, so a picture
        // framed by a 1-px pure-red ring shows no red run along the corners.
        var picture = SyntheticImage.textured(width: 64, height: 64, seed: 9)
        for i in 0..<64 { for (x, y) in [(i, 0), (i, 63), (0, i), (63, i)] { picture[x, y] = [255, 0, 0] } }
        for angle in [-20.0, -5, 5, 20] {
            let cropped = try Rendering.image(of: [.rotate(Rotate(angle: angle, fill: .crop))], on: picture)
            let edged = try Rendering.image(of: [.rotate(Rotate(angle: angle, fill: .edge))], on: picture)
            // A pixel sampled wholly outside the picture is pure frame red with edge fill;
            // with crop every sample is centred inside (the four tangent points only blend some red in).
            let redCrop = Self.cornerPixels(cropped, size: 6).filter { $0 == [255, 0, 0] }.count
            let redEdge = Self.cornerPixels(edged, size: 6).filter { $0 == [255, 0, 0] }.count
            #expect(redCrop == 0, "angle \(angle): \(redCrop) pure-red corner pixels with crop")
            #expect(redEdge > 10, "edge fill smears the red frame into the corners at \(angle)°: \(redEdge)")
        }
    }

    @Test func transparentCornersNeverAppearOnOpaquePictures() throws {
        // RGBA pictures go through ImageMagick; an opaque picture stays opaque at the corners.
        let rgb = SyntheticImage.textured(width: 48, height: 48, seed: 3)
        var rgba = PixelImage(width: 48, height: 48, channels: 4)
        for i in 0..<rgb.area {
            for c in 0..<3 { rgba.pixels[i * 4 + c] = rgb.pixels[i * 3 + c] }
            rgba.pixels[i * 4 + 3] = 255
        }
        for fill in GeometryFill.allCases {
            let out = try Rendering.image(of: [.rotate(Rotate(angle: 20, fill: fill))], on: rgba)
            if out.hasAlpha {
                #expect(Self.cornerPixels(out).allSatisfy { $0[3] == 255 }, "\(fill)")
            }
            #expect(Self.cornerPixels(out).allSatisfy { !Self.flat.contains(Array($0.prefix(3))) }, "\(fill)")
        }
    }
}
