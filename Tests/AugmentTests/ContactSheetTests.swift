import Augment
import DmanCore
import DmanTestSupport
import Testing

@Suite struct ContactSheetTests {
    static let picture = SyntheticImage.textured(width: 40, height: 40, seed: 3)

    /// Pixels of ink colour inside a rectangle of the sheet.
    static func ink(_ sheet: PixelImage, x: Range<Int>, y: Range<Int>) -> Int {
        var n = 0
        for yy in y { for xx in x where Array(sheet[xx, yy]) == ContactSheet.ink { n += 1 } }
        return n
    }

    @Test func labelsArePrintedUnderTheirPictureAndStayInTheirCell() {
        let rows = [[ContactSheet.Tile(Self.picture, label: "orig"), .init(Self.picture, label: "flip_r-5_usm_and_a_very_long_tail")],
                    [.init(Self.picture, label: ""), .init(Self.picture, label: "s1.05_t+2,-1")]]
        let sheet = ContactSheet.make(rows: rows, gap: 4)
        #expect(sheet.width == 4 + 2 * (40 + 4) && sheet.height == 4 + 2 * (40 + 7 + 4))
        let strip0 = 4 + 40 ..< 4 + 40 + 7, strip1 = 4 + 51 + 40 ..< 4 + 51 + 40 + 7
        let col0 = 4 ..< 44, col1 = 48 ..< 88
        #expect(Self.ink(sheet, x: col0, y: strip0) > 10)
        #expect(Self.ink(sheet, x: col1, y: strip0) > Self.ink(sheet, x: col0, y: strip0))
        #expect(Self.ink(sheet, x: col0, y: strip1) == 0, "unlabelled cell")
        #expect(Self.ink(sheet, x: col1, y: strip1) > 10)
        // The long label is cut at its cell: the gaps and the margin stay grey.
        #expect(Self.ink(sheet, x: 88 ..< sheet.width, y: 0 ..< sheet.height) == 0)
        #expect(Self.ink(sheet, x: 44 ..< 48, y: 0 ..< sheet.height) == 0)
        // No label strip at all when nothing is labelled.
        #expect(ContactSheet.make(rows: [[.init(Self.picture)]]).height == 4 + 40 + 4)
    }

    @Test func differentLabelsLookDifferent() {
        func strip(_ label: String) -> [UInt8] {
            let sheet = ContactSheet.make(rows: [[.init(Self.picture, label: label)]])
            return (44 ..< 51).flatMap { y in (4 ..< 44).flatMap { x in sheet[x, y] } }
        }
        let labels = ["r-5", "r+5", "flip", "usm", "s0.95", "s1.05", "t+2,-1", "b+3", "c-3", "64px", "orig"]
        #expect(Set(labels.map(strip)).count == labels.count)
    }
}
