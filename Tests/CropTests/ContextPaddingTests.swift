import Crop
import DmanCore
import DmanTestSupport
import Testing

@Suite struct ContextPaddingTests {
    /// 7×5 picture where every pixel differs: R = x·30, G = y·40, B = 200.
    let picture: PixelImage = {
        var p = PixelImage(width: 7, height: 5, channels: 3)
        for y in 0..<5 { for x in 0..<7 { p[x, y] = [UInt8(x * 30), UInt8(y * 40), 200] } }
        return p
    }()

    /// Reflection by walking: bounce between 0 and n-1 (independent of the
    /// implementation's modular arithmetic).
    func bounce(_ i: Int, _ n: Int) -> Int {
        if n == 1 { return 0 }
        var p = 0, step = i < 0 ? -1 : 1
        for _ in 0..<abs(i) {
            if p + step < 0 || p + step > n - 1 { step = -step }
            p += step
        }
        return p
    }

    @Test func insideRegionIsAnExactCopy() {
        let out = ContextPadding.extract(from: picture, region: SquareRegion(x: 2, y: 1, side: 4), mode: .mirror)
        for y in 0..<4 { for x in 0..<4 { #expect(out[x, y] == picture[x + 2, y + 1]) } }
    }

    @Test func mirrorReflectsWithoutRepeatingTheEdgePixel() {
        // Region from (-3, -1): columns -3, -2, -1 are columns 3, 2, 1; row -1 is row 1.
        let out = ContextPadding.extract(from: picture, region: SquareRegion(x: -3, y: -1, side: 7), mode: .mirror)
        #expect(out[0, 1] == picture[3, 0])
        #expect(out[1, 1] == picture[2, 0])
        #expect(out[2, 1] == picture[1, 0])
        #expect(out[3, 1] == picture[0, 0])
        #expect(out[3, 0] == picture[0, 1])
        #expect(out[6, 6] == picture[3, 3])   // row 5 is row 3
    }

    @Test func regionsFarLargerThanThePictureReflectRepeatedly() {
        let out = ContextPadding.extract(from: picture, region: SquareRegion(x: -23, y: -17, side: 50), mode: .mirror)
        for y in 0..<50 {
            for x in 0..<50 {
                #expect(out[x, y] == picture[bounce(x - 23, 7), bounce(y - 17, 5)])
            }
        }
        // A one-pixel-wide picture repeats its only column.
        let thin = PixelImage(width: 1, height: 3, channels: 3, pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let t = ContextPadding.extract(from: thin, region: SquareRegion(x: -2, y: 0, side: 3), mode: .mirror)
        #expect(t[0, 1] == [4, 5, 6] && t[2, 2] == [7, 8, 9])
    }

    @Test func edgeRepeatsTheOutermostPixels() {
        let out = ContextPadding.extract(from: picture, region: SquareRegion(x: -2, y: 3, side: 4), mode: .edge)
        #expect(out[0, 0] == picture[0, 3])
        #expect(out[1, 3] == picture[0, 4])   // row 6 clamps to 4
        #expect(out[3, 1] == picture[1, 4])
    }

    @Test func colorFillsOnlyOutside() {
        let fill = RGBColor(red: 1, green: 2, blue: 3)
        let out = ContextPadding.extract(from: picture, region: SquareRegion(x: -1, y: -1, side: 3), mode: .color(fill))
        #expect(out[0, 0] == [1, 2, 3] && out[2, 0] == [1, 2, 3] && out[0, 2] == [1, 2, 3])
        #expect(out[1, 1] == picture[0, 0] && out[2, 2] == picture[1, 1])
    }

    @Test func blurKeepsPicturePixelsSharpAndSoftensTheFill() {
        let src = SyntheticImage.textured(width: 40, height: 30, seed: 5)
        let region = SquareRegion(x: -5, y: -10, side: 50)
        let blurred = ContextPadding.extract(from: src, region: region, mode: .blur)
        let mirrored = ContextPadding.extract(from: src, region: region, mode: .mirror)
        var changed = 0
        for y in 0..<50 {
            for x in 0..<50 {
                let inside = x - 5 >= 0 && x - 5 < 40 && y - 10 >= 0 && y - 10 < 30
                if inside { #expect(blurred[x, y] == src[x - 5, y - 10]) } else if blurred[x, y] != mirrored[x, y] { changed += 1 }
            }
        }
        #expect(changed > 50 * 50 - 40 * 30 - 200, "the fill is blurred, not copied")
    }

    @Test func padModesParseAndPrint() {
        #expect(PadMode(parsing: "mirror") == .mirror && PadMode(parsing: "EDGE") == .edge && PadMode(parsing: "blur") == .blur)
        #expect(PadMode(parsing: "fade") == .fade && PadMode.fade.description == "fade")
        #expect(PadMode(parsing: "color:#102030") == .color(RGBColor(red: 16, green: 32, blue: 48)))
        #expect(PadMode(parsing: "color:white")?.description == "color:#FFFFFF")
        #expect(PadMode(parsing: "black") == nil && PadMode(parsing: "color:nope") == nil)
    }

    /// Crop's `--max-pad` warning and audit's `mostly_padding` use one limit.
    @Test func maxPadDefaultIsTheSharedPaddingLimit() {
        #expect(CropOptions().maxPad == PaddingLimit.defaultMaxFraction)
    }

    /// Issue 13: the default fill must not duplicate features (mirror stays an option).
    @Test func defaultPadIsFade() {
        #expect(CropOptions().pad == .fade)
        #expect(PadMode(parsing: "fade") == .fade && PadMode.fade.description == "fade")
    }

    /// A bright feature 3 px from the top edge: mirror copies it into the
    /// padding (the ghost the GAN learns), fade does not; fade's far padding
    /// is the edge's mean colour and the picture's pixels stay exact.
    @Test func fadeDoesNotCopyFeaturesIntoThePadding() {
        var p = PixelImage(width: 40, height: 40, channels: 3)
        for y in 0..<40 { for x in 0..<40 { p[x, y] = [60, 80, 100] } }
        for y in 2..<5 { for x in 15..<25 { p[x, y] = [250, 250, 250] } }   // the feature
        let region = SquareRegion(x: 0, y: -12, side: 40)
        let mirrored = ContextPadding.extract(from: p, region: region, mode: .mirror)
        let faded = ContextPadding.extract(from: p, region: region, mode: .fade)
        func brightest(_ img: PixelImage, rows: Range<Int>) -> Int {
            rows.flatMap { y in (0..<40).map { x in Int(img[x, y][0]) } }.max()!
        }
        // Rows 0..<12 of the crop are padding (picture rows -12...-1).
        #expect(brightest(mirrored, rows: 0..<12) == 250, "mirror reflects the feature")
        #expect(brightest(faded, rows: 0..<6) < 120, "fade's padding 6+ px out shows no feature: \(brightest(faded, rows: 0..<6))")
        #expect(faded[0, 0] == faded[39, 0], "far padding is one soft colour")
        for y in 12..<40 { for x in 0..<40 { #expect(faded[x, y] == p[x, y - 12]) } }
        // No flat band either: the fill is a continuation, not one colour next to the picture.
        #expect(Set((0..<40).map { faded[$0, 11] }).count > 1)
    }
}
