import DmanCore

/// A grid of pictures, one row per source (original first, then every
/// variant), on a neutral grey so that edges and corners are easy to judge;
/// each picture has its variant name (`flip_r-5_usm`) printed under it.
public enum ContactSheet {
    /// One picture of the sheet and the label printed under it ("" for none).
    public struct Tile: Sendable {
        public var image: PixelImage
        public var label: String

        public init(_ image: PixelImage, label: String = "") {
            self.image = image
            self.label = label
        }
    }

    /// Background and gap colour (mid grey, not a colour any fill would produce by itself).
    public static let background: [UInt8] = [128, 128, 128]
    /// Label colour: near black, readable on the grey.
    public static let ink: [UInt8] = [16, 16, 16]

    /// Lays `rows` out left to right, top to bottom, with `gap` pixels between
    /// cells; when any tile has a label, every cell gets a 7-pixel strip below
    /// the picture for it (3×5 glyphs, cut at the cell's width).
    public static func make(rows: [[Tile]], gap: Int = 4) -> PixelImage {
        let tiles = rows.flatMap { $0 }
        let cellW = tiles.map(\.image.width).max() ?? 1
        let pictureH = tiles.map(\.image.height).max() ?? 1
        let strip = tiles.contains { !$0.label.isEmpty } ? TinyFont.height + 2 : 0
        let cellH = pictureH + strip
        let columns = max(1, rows.map(\.count).max() ?? 1)
        let width = gap + columns * (cellW + gap)
        let height = gap + max(1, rows.count) * (cellH + gap)
        var sheet = PixelImage(width: width, height: height, channels: 3)
        for i in stride(from: 0, to: sheet.pixels.count, by: 3) {
            sheet.pixels[i] = background[0]; sheet.pixels[i + 1] = background[1]; sheet.pixels[i + 2] = background[2]
        }
        for (r, row) in rows.enumerated() {
            for (c, tile) in row.enumerated() {
                let flat = tile.image.flattened(onto: RGBColor(red: background[0], green: background[1], blue: background[2]))
                let x0 = gap + c * (cellW + gap), y0 = gap + r * (cellH + gap)
                for y in 0..<flat.height {
                    let src = flat.offset(0, y), dst = sheet.offset(x0, y0 + y)
                    sheet.pixels.replaceSubrange(dst..<(dst + flat.width * 3), with: flat.pixels[src..<(src + flat.width * 3)])
                }
                if strip > 0 {
                    TinyFont.draw(tile.label, into: &sheet, x: x0, y: y0 + pictureH + 1, maxWidth: cellW, color: ink)
                }
            }
        }
        return sheet
    }
}
