import Foundation
import Testing
import WebUI

/// The preview endpoint answers with Crop's plan (hand-computed cases below).
struct CropPreviewRouteTests {
    struct Plan: Decodable { let x: Int, y: Int, side: Int, pad: Double, overMaxPad: Bool }

    func plan(_ f: LabelFixture, _ q: [String: String]) async throws -> Plan {
        let r = await f.respond(f.request(.GET, "/api/plan/p0", query: q.merging(["token": f.token]) { a, _ in a }))
        #expect(r.status == 200)
        return try JSONDecoder().decode(Plan.self, from: r.body)
    }

    @Test func aBoxInsideIsShiftedIntoTheFrameWithoutPadding() async throws {
        // side = round(40 × 1.1) = 44; centre (20, 30) → origin (-2, 8); shifted into [0, 56] × [0, 6] → (0, 6).
        let p = try await plan(try LabelFixture(), ["x": "10", "y": "10", "w": "20", "h": "40", "width": "100", "height": "50"])
        #expect((p.x, p.y, p.side) == (0, 6, 44))
        #expect(p.pad == 0)
        #expect(!p.overMaxPad)
    }

    @Test func aSquareTallerThanThePictureIsPaddedAndWarnedAbove_maxPad() async throws {
        // 66 > height 50: crop gives up the margin first, down to the box's own 60 (never below it);
        // x shifts to 0, y = 0 is the least shift that covers the whole height; pad = 1 − 50/60.
        let f = try LabelFixture(settings: LabelSettings(margin: 0.1, maxPad: 0.15))
        let p = try await plan(f, ["x": "0", "y": "0", "w": "60", "h": "60", "width": "100", "height": "50"])
        #expect((p.x, p.y, p.side) == (0, 0, 60))
        #expect(abs(p.pad - (1 - 50.0 / 60.0)) < 1e-12)
        #expect(p.overMaxPad)
    }

    @Test func missingOrNonFiniteNumbersAreRefused() async throws {
        let f = try LabelFixture()
        for q in [["x": "1"], ["x": "nan", "y": "0", "w": "5", "h": "5", "width": "10", "height": "10"],
                  ["x": "0", "y": "0", "w": "-5", "h": "5", "width": "10", "height": "10"]] {
            let r = await f.respond(f.request(.GET, "/api/plan/p0", query: q.merging(["token": f.token]) { a, _ in a }))
            #expect(r.status == 400)
        }
    }
}
