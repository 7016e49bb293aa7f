import DmanCore

/// A grid of pictures, one row per source (original first, then every
/// variant), on a neutral grey so that edges and corners are easy to judge.
public enum ContactSheet {
    /// Background and gap colour (mid grey, not a colour any fill would produce by itself).
    public static let background: [UInt8] = [128, 128, 128]

    /// Lays `rows` out left to right, top to bottom, with `gap` pixels between cells.
    public static func make(rows: [[PixelImage]], gap: Int = 4) -> PixelImage {
        let cellW = rows.flatMap { $0 }.map(\.width).max() ?? 1
        let cellH = rows.flatMap { $0 }.map(\.height).max() ?? 1
        let columns = max(1, rows.map(\.count).max() ?? 1)
        let width = gap + columns * (cellW + gap)
        let height = gap + max(1, rows.count) * (cellH + gap)
        var sheet = PixelImage(width: width, height: height, channels: 3)
        for i in stride(from: 0, to: sheet.pixels.count, by: 3) {
            sheet.pixels[i] = background[0]; sheet.pixels[i + 1] = background[1]; sheet.pixels[i + 2] = background[2]
        }
        for (r, row) in rows.enumerated() {
            for (c, tile) in row.enumerated() {
                let flat = tile.flattened(onto: RGBColor(red: background[0], green: background[1], blue: background[2]))
                let x0 = gap + c * (cellW + gap), y0 = gap + r * (cellH + gap)
                for y in 0..<flat.height {
                    let src = flat.offset(0, y), dst = sheet.offset(x0, y0 + y)
                    sheet.pixels.replaceSubrange(dst..<(dst + flat.width * 3), with: flat.pixels[src..<(src + flat.width * 3)])
                }
            }
        }
        return sheet
    }
}
