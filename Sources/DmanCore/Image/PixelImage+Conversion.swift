extension PixelImage {
    /// Composites alpha onto a solid background and drops the alpha channel.
    ///
    /// Returns `self` unchanged when the image has no alpha.
    public func flattened(onto background: RGBColor) -> PixelImage {
        guard hasAlpha else { return self }
        var out = [UInt8](repeating: 0, count: area * 3)
        let bg = [Int(background.red), Int(background.green), Int(background.blue)]
        pixels.withUnsafeBufferPointer { src in
            for i in 0..<area {
                let a = Int(src[i * 4 + 3])
                for c in 0..<3 {
                    let v = Int(src[i * 4 + c]) * a + bg[c] * (255 - a)
                    out[i * 3 + c] = UInt8((v + 127) / 255)
                }
            }
        }
        return PixelImage(width: width, height: height, channels: 3, pixels: out)
    }

    /// The image as 8-bit luma (ITU-R BT.601 weights, as ImageMagick's and
    /// PIL's `convert("L")`: `L = R*299/1000 + G*587/1000 + B*114/1000`).
    public func luma() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: area)
        pixels.withUnsafeBufferPointer { src in
            for i in 0..<area {
                let o = i * channels
                let l = Int(src[o]) * 299 + Int(src[o + 1]) * 587 + Int(src[o + 2]) * 114
                out[i] = UInt8(l / 1000)
            }
        }
        return out
    }
}

/// An opaque 8-bit colour.
public struct RGBColor: Sendable, Equatable, Hashable, Codable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let white = RGBColor(red: 255, green: 255, blue: 255)
    public static let black = RGBColor(red: 0, green: 0, blue: 0)

    /// Parses `#RRGGBB`, `RRGGBB`, or the names `white`, `black`, `gray`/`grey`.
    public init?(parsing text: String) {
        let t = text.lowercased()
        switch t {
        case "white": self = .white; return
        case "black": self = .black; return
        case "gray", "grey": self.init(red: 128, green: 128, blue: 128); return
        default: break
        }
        var hex = Substring(t)
        if hex.hasPrefix("#") { hex = hex.dropFirst() }
        guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
        self.init(red: UInt8((v >> 16) & 0xFF), green: UInt8((v >> 8) & 0xFF), blue: UInt8(v & 0xFF))
    }

    /// `#RRGGBB`.
    public var hexString: String {
        func h(_ v: UInt8) -> String { let s = String(v, radix: 16, uppercase: true); return s.count == 1 ? "0" + s : s }
        return "#" + h(red) + h(green) + h(blue)
    }
}
