import Crop
import DmanCore
import Testing

@Suite struct BoxResolverTests {
    func resolve(_ g: BoxGeometry, clip: Bool = false) throws(BoxResolver.Rejection) -> PixelBox {
        try BoxResolver.resolve(g, width: 100, height: 50, clip: clip)
    }

    @Test func subPixelOvershootIsClippedSilently() throws {
        #expect(try resolve(.pixels(x: -0.4, y: 0, width: 10.4, height: 10)) == PixelBox(x: 0, y: 0, width: 10, height: 10))
        #expect(try resolve(.pixels(x: 90, y: 40, width: 10.6, height: 10.3)) == PixelBox(x: 90, y: 40, width: 10, height: 10))
    }

    @Test func normalisedRoundingSnapsToWholePixels() throws {
        // 1/3 written with 6 decimals: 0.333333 × 50 = 16.66665.
        let b = try resolve(.fraction(x: 0.1, y: 0.333333, width: 0.2, height: 0.333333, rotation: 0))
        #expect(b.x == 10 && b.width == 20)
        #expect(abs(b.y - 16.66665) < 1e-9)   // not near a whole pixel: kept
        let c = try resolve(.fraction(x: 0.123456, y: 0.2, width: 0.1, height: 0.2, rotation: 0))
        #expect(abs(c.x - 12.3456) < 1e-9)
        let d = try resolve(.fraction(x: 0.1000001, y: 0.2, width: 0.1, height: 0.2, rotation: 0))
        #expect(d.x == 10)
    }

    @Test(arguments: [
        (BoxGeometry.pixels(x: 1, y: 1, width: 0, height: 5), "empty"),
        (.pixels(x: 1, y: 1, width: -3, height: 5), "negative"),
        (.pixels(x: .nan, y: 1, width: 3, height: 5), "not a number"),
        (.pixels(x: 1, y: 1, width: .infinity, height: 5), "not a number"),
        (.fraction(x: .nan, y: 0, width: 0.1, height: 0.1, rotation: 0), "not a number"),
        (.pixels(x: 95, y: 10, width: 20, height: 5), "outside"),
        (.pixels(x: -3, y: 10, width: 20, height: 5), "outside"),
        (.pixels(x: 200, y: 10, width: 20, height: 5), "outside"),
    ])
    func badBoxesAreRefusedWithTheirCoordinates(g: BoxGeometry, reason: String) {
        #expect { try resolve(g) } throws: { error in
            guard let r = error as? BoxResolver.Rejection else { return false }
            return r.reason.description.contains(reason) && r.box.hasPrefix("x=")
        }
    }

    @Test func clipKeepsThePartInside() throws {
        #expect(try resolve(.pixels(x: 95, y: 10, width: 20, height: 5), clip: true) == PixelBox(x: 95, y: 10, width: 5, height: 5))
        #expect(try resolve(.pixels(x: -3, y: -2, width: 20, height: 5), clip: true) == PixelBox(x: 0, y: 0, width: 17, height: 3))
        #expect { try resolve(.pixels(x: 200, y: 10, width: 20, height: 5), clip: true) } throws: {
            ($0 as? BoxResolver.Rejection)?.reason == .entirelyOutside(width: 100, height: 50)
        }
    }
}
