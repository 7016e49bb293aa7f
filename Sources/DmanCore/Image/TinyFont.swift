/// A 3×5 pixel font for labels in pictures a person reads (the augment
/// contact sheet, the loss curve, `nearest.png`): lower-case letters, digits,
/// space and `+ - . , _ ( ) : / = %`. No font files, no ImageMagick text
/// rendering (its coders for fonts stay off).
package enum TinyFont {
    package static let width = 3, height = 5, advance = 4

    /// Each glyph's five rows of three pixels, top row first, as 15 bits.
    static let glyphs: [Character: UInt16] = {
        let rows: [Character: [String]] = [
            "0": ["111", "101", "101", "101", "111"], "1": ["010", "110", "010", "010", "111"],
            "2": ["111", "001", "111", "100", "111"], "3": ["111", "001", "111", "001", "111"],
            "4": ["101", "101", "111", "001", "001"], "5": ["111", "100", "111", "001", "111"],
            "6": ["111", "100", "111", "101", "111"], "7": ["111", "001", "001", "010", "010"],
            "8": ["111", "101", "111", "101", "111"], "9": ["111", "101", "111", "001", "111"],
            "a": ["010", "101", "111", "101", "101"], "b": ["110", "101", "110", "101", "110"],
            "c": ["011", "100", "100", "100", "011"], "d": ["110", "101", "101", "101", "110"],
            "e": ["111", "100", "110", "100", "111"], "f": ["111", "100", "110", "100", "100"],
            "g": ["011", "100", "101", "101", "011"], "h": ["101", "101", "111", "101", "101"],
            "i": ["111", "010", "010", "010", "111"], "j": ["001", "001", "001", "101", "010"],
            "k": ["101", "101", "110", "101", "101"], "l": ["100", "100", "100", "100", "111"],
            "m": ["101", "111", "111", "101", "101"], "n": ["110", "101", "101", "101", "101"],
            "o": ["010", "101", "101", "101", "010"], "p": ["110", "101", "110", "100", "100"],
            "q": ["010", "101", "101", "110", "011"], "r": ["110", "101", "110", "101", "101"],
            "s": ["011", "100", "010", "001", "110"], "t": ["111", "010", "010", "010", "010"],
            "u": ["101", "101", "101", "101", "111"], "v": ["101", "101", "101", "101", "010"],
            "w": ["101", "101", "111", "111", "101"], "x": ["101", "101", "010", "101", "101"],
            "y": ["101", "101", "010", "010", "010"], "z": ["111", "001", "010", "100", "111"],
            "+": ["000", "010", "111", "010", "000"], "-": ["000", "000", "111", "000", "000"],
            ".": ["000", "000", "000", "000", "010"], ",": ["000", "000", "000", "010", "100"],
            "_": ["000", "000", "000", "000", "111"], "?": ["111", "001", "010", "000", "010"],
            " ": ["000", "000", "000", "000", "000"], "(": ["010", "100", "100", "100", "010"],
            ")": ["010", "001", "001", "001", "010"], ":": ["000", "010", "000", "010", "000"],
            "/": ["001", "001", "010", "100", "100"], "=": ["000", "111", "000", "111", "000"],
            "%": ["101", "001", "010", "100", "101"],
        ]
        return rows.mapValues { UInt16($0.joined(), radix: 2)! }
    }()

    /// Whether the glyph of `c` (lower-cased; `?` when missing) has pixel (x, y) set.
    package static func pixel(_ c: Character, x: Int, y: Int) -> Bool {
        let bits = glyphs[c.lowercased().first ?? c] ?? glyphs["?"]!
        return bits >> UInt16((height - 1 - y) * width + (width - 1 - x)) & 1 == 1
    }

    /// Width in pixels of `text` drawn at `scale`.
    package static func textWidth(_ text: String, scale: Int = 1) -> Int {
        text.isEmpty ? 0 : (text.count * advance - 1) * scale
    }

    /// Draws `text` with its top-left corner at (x, y) in `color`, each font
    /// pixel a `scale`×`scale` block, cut at `maxWidth` pixels (a cut label
    /// ends in a 1-pixel dot row: nothing spills into the next cell).
    package static func draw(_ text: String, into image: inout PixelImage, x: Int, y: Int, maxWidth: Int = .max,
                             color: [UInt8], scale: Int = 1) {
        for (i, c) in text.enumerated() {
            let left = x + i * advance * scale
            guard left - x + width * scale <= maxWidth else { break }
            for gy in 0..<height {
                for gx in 0..<width where pixel(c, x: gx, y: gy) {
                    for sy in 0..<scale { for sx in 0..<scale {
                        let px = left + gx * scale + sx, py = y + gy * scale + sy
                        guard px >= 0, py >= 0, px < image.width, py < image.height else { continue }
                        let o = image.offset(px, py)
                        for k in 0..<3 { image.pixels[o + k] = color[k] }
                    } }
                }
            }
        }
    }
}
