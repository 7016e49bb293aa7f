import DmanCore

extension MemorisationCheck {
    /// The `nearest.png` picture: per sample a triplet *sample | nearest |
    /// second nearest*, `tripletsPerRow` triplets per row. Cells have the size of
    /// the first sample (training images are resized to it by nearest
    /// neighbour); 2 px white gutters inside a triplet, 8 px between triplets;
    /// memorised samples get a 2 px red frame. A band on top says so: a caption
    /// line and the column names above each triplet.
    public static func nearestGrid(samples: [PixelImage], training: [PixelImage], report: MemorisationReport,
                                   tripletsPerRow: Int = 8) -> PixelImage {
        precondition(!samples.isEmpty && report.nearest.count == samples.count)
        let (cw, ch) = (samples[0].width, samples[0].height)
        let inner = 2, outer = 8
        let perRow = max(1, min(tripletsPerRow, samples.count))
        let rows = (samples.count + perRow - 1) / perRow
        let tripletW = 3 * cw + 2 * inner
        let caption = "generated sample, nearest and 2nd nearest training image (32 px mse). red frame: memorised"
        let band = 2 * (TinyFont.height + 5) + 4
        let width = max(perRow * tripletW + (perRow + 1) * outer, TinyFont.textWidth(caption) + 2 * outer)
        let height = band + rows * ch + (rows + 1) * outer
        var canvas = PixelImage(width: width, height: height, channels: 3,
                                pixels: [UInt8](repeating: 255, count: width * height * 3))
        let ink: [UInt8] = [0, 0, 0]
        TinyFont.draw(caption, into: &canvas, x: outer, y: 4, color: ink)
        for column in 0..<perRow {
            let ox = outer + column * (tripletW + outer)
            for (k, name) in ["sample", "nearest", "2nd"].enumerated() {
                TinyFont.draw(name, into: &canvas, x: ox + k * (cw + inner), y: band - TinyFont.height - 3, maxWidth: cw, color: ink)
            }
        }
        for (i, sample) in samples.enumerated() {
            let ox = outer + (i % perRow) * (tripletW + outer), oy = band + outer + (i / perRow) * (ch + outer)
            let cells = [sample, training[report.nearest[i]],
                         report.secondNearest[i] >= 0 ? training[report.secondNearest[i]] : nil]
            for (k, cell) in cells.enumerated() {
                guard let cell else { continue }
                blit(cell, into: &canvas, x: ox + k * (cw + inner), y: oy, width: cw, height: ch)
            }
            if report.memorised[i] { frame(&canvas, x: ox, y: oy, width: cw, height: ch) }
        }
        return canvas
    }

    /// Copies `image` (alpha flattened onto black, nearest-neighbour resized) into a cell.
    private static func blit(_ image: PixelImage, into canvas: inout PixelImage, x: Int, y: Int, width: Int, height: Int) {
        let rgb = image.flattened(onto: .black)
        for ty in 0..<height {
            let sy = ty * rgb.height / height
            for tx in 0..<width {
                let sx = tx * rgb.width / width
                let s = (sy * rgb.width + sx) * 3, d = ((y + ty) * canvas.width + x + tx) * 3
                canvas.pixels[d] = rgb.pixels[s]; canvas.pixels[d + 1] = rgb.pixels[s + 1]; canvas.pixels[d + 2] = rgb.pixels[s + 2]
            }
        }
    }

    private static func frame(_ canvas: inout PixelImage, x: Int, y: Int, width: Int, height: Int) {
        for ty in 0..<height {
            for tx in 0..<width where ty < 2 || ty >= height - 2 || tx < 2 || tx >= width - 2 {
                let d = ((y + ty) * canvas.width + x + tx) * 3
                canvas.pixels[d] = 230; canvas.pixels[d + 1] = 20; canvas.pixels[d + 2] = 20
            }
        }
    }
}
