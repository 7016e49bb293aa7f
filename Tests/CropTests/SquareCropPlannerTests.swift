import Crop
import DmanCore
import Testing

@Suite struct SquareCropPlannerTests {
    let planner = SquareCropPlanner(margin: 0.1)
    let centred = SquareCropPlanner(margin: 0.1, shift: false)

    func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double) -> PixelBox { PixelBox(x: x, y: y, width: w, height: h) }

    @Test func boxInTheMiddleIsCentredWithMargin() {
        let r = planner.plan(box: box(40, 30, 20, 10), width: 200, height: 100)
        #expect(r == SquareRegion(x: 39, y: 24, side: 22))   // side round(20 × 1.1) = 22, centre (50, 35)
        #expect(r.padFraction(width: 200, height: 100) == 0)
    }

    @Test(arguments: [
        // (box x, y) in a 200×100 picture, 20×20 box → 22 px square, expected origin after shifting.
        (0.0, 0.0, 0, 0), (180.0, 0.0, 178, 0), (0.0, 80.0, 0, 78), (180.0, 80.0, 178, 78),  // corners
        (90.0, 0.0, 89, 0), (90.0, 80.0, 89, 78), (0.0, 40.0, 0, 39), (180.0, 40.0, 178, 39),  // edges
    ])
    func boxAtEachCornerAndEdgeShiftsInside(x: Double, y: Double, ex: Int, ey: Int) {
        let r = planner.plan(box: box(x, y, 20, 20), width: 200, height: 100)
        #expect(r == SquareRegion(x: ex, y: ey, side: 22))
        #expect(r.padFraction(width: 200, height: 100) == 0, "real pixels fill the square")
        // The box stays inside the square.
        #expect(Double(r.x) <= x && Double(r.x + r.side) >= x + 20 && Double(r.y) <= y && Double(r.y + r.side) >= y + 20)
    }

    @Test func withoutShiftTheBoxStaysCentredAndPads() {
        let r = centred.plan(box: box(0, 0, 20, 20), width: 200, height: 100)
        #expect(r == SquareRegion(x: -1, y: -1, side: 22))
        #expect(abs(r.padFraction(width: 200, height: 100) - (484.0 - 441.0) / 484.0) < 1e-12)
        let e = centred.plan(box: box(180, 80, 20, 20), width: 200, height: 100)
        #expect(e == SquareRegion(x: 179, y: 79, side: 22))
    }

    /// The old geometry: keep the whole margin and pad (`--keep-margin`).
    let keepingMargin = SquareCropPlanner(margin: 0.1, shrinkMargin: false)

    @Test func marginIsGivenUpBeforeAnythingIsPadded() {
        // The same three boxes as below: the square shrinks to the picture's shorter side.
        let tall = planner.plan(box: box(100, 0, 40, 100), width: 300, height: 100)
        #expect(tall == SquareRegion(x: 70, y: 0, side: 100) && tall.padFraction(width: 300, height: 100) == 0)
        let wide = planner.plan(box: box(0, 100, 60, 30), width: 60, height: 300)
        #expect(wide == SquareRegion(x: 0, y: 85, side: 60) && wide.padFraction(width: 60, height: 300) == 0)
        // A box wider than the picture is tall: only what the box itself needs is padded (no margin).
        let big = planner.plan(box: box(0, 0, 50, 40), width: 50, height: 40)
        #expect(big.side == 50 && big.x == 0 && big.y == -5)
        #expect(abs(big.padFraction(width: 50, height: 40) - (1 - 2000.0 / 2500.0)) < 1e-12)
        // A square that fits keeps its whole margin.
        #expect(planner.plan(box: box(10, 10, 20, 20), width: 200, height: 100).side == 22)
    }

    @Test func landscapePictureTallBoxPadsOnlyVertically() {
        // 100 px tall box in a 300×100 picture: side 110 > height 100.
        let r = keepingMargin.plan(box: box(100, 0, 40, 100), width: 300, height: 100)
        #expect(r.side == 110)
        #expect(r.x == 65)                 // centred horizontally, inside
        #expect(r.y == -5)                 // covers the full height, 5 px each side
        #expect(abs(r.padFraction(width: 300, height: 100) - 10.0 / 110.0) < 1e-12)
    }

    @Test func portraitPictureWideBoxPadsOnlyHorizontally() {
        // 60×300 portrait picture, a box as wide as the picture: side 66 > width 60.
        let r = keepingMargin.plan(box: box(0, 100, 60, 30), width: 60, height: 300)
        #expect(r.side == 66)
        #expect(r.y == 82)                   // centred on 115 vertically
        #expect(r.x == -3)                   // covers the whole width, 3 px padding each side
        #expect(abs(r.padFraction(width: 60, height: 300) - 6.0 / 66.0) < 1e-12)
    }

    @Test func boxLargerThanThePicture() {
        let r = keepingMargin.plan(box: box(0, 0, 50, 40), width: 50, height: 40)
        #expect(r.side == 55)
        #expect(r.x >= -5 && r.x <= 0 && r.x + r.side >= 50)
        #expect(r.y >= -15 && r.y <= 0 && r.y + r.side >= 40)
        #expect(r == SquareRegion(x: -2, y: -7, side: 55))
        #expect(abs(r.padFraction(width: 50, height: 40) - (1 - 2000.0 / 3025.0)) < 1e-12)
    }

    @Test func onePixelBox() {
        let r = planner.plan(box: box(10, 10, 1, 1), width: 20, height: 20)
        #expect(r == SquareRegion(x: 10, y: 10, side: 1))
        let corner = planner.plan(box: box(19, 19, 1, 1), width: 20, height: 20)
        #expect(corner == SquareRegion(x: 19, y: 19, side: 1))
        let big = SquareCropPlanner(margin: 3).plan(box: box(0, 0, 1, 1), width: 20, height: 20)
        #expect(big == SquareRegion(x: 0, y: 0, side: 4))   // shifted in from (-1.5, -1.5)
    }

    @Test func onePixelPicture() {
        let r = planner.plan(box: box(0, 0, 1, 1), width: 1, height: 1)
        #expect(r.side == 1 && r.x == 0 && r.y == 0)
    }

    @Test func zeroMarginIsTheBoxSide() {
        let r = SquareCropPlanner(margin: 0).plan(box: box(3, 4, 8, 5), width: 50, height: 50)
        #expect(r == SquareRegion(x: 3, y: 3, side: 8))   // centre y 6.5 - 4 = 2.5 → 3 (half up)
    }
}
