import DmanCore

/// How the part of a square region outside the picture is filled.
///
/// Never a flat band, and by default never a copy of the content: ``fade``
/// continues the edge softly. ``mirror`` reflects the picture's content, which
/// duplicates what is near the edge (a second helmet, a mirrored arm) once a
/// crop is more than a few percent padding.
public enum PadMode: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Repeats the edge pixels, blurs them, and fades them into the edge's
    /// mean colour with distance: a soft, featureless continuation.
    case fade
    /// Reflects about the edge pixel without repeating it (`… 2 1 | 0 1 2 …`),
    /// repeating the reflection for regions far larger than the picture.
    case mirror
    /// Repeats the outermost row or column.
    case edge
    /// Mirrors, then blurs only the filled part (soft, out-of-focus context).
    case blur
    /// A solid colour.
    case color(RGBColor)

    /// Parses `fade`, `mirror`, `edge`, `blur` or `color:<c>` (`#RRGGBB`, `RRGGBB`, `white`, `black`, `gray`).
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "fade": self = .fade
        case "mirror": self = .mirror
        case "edge": self = .edge
        case "blur": self = .blur
        default:
            guard text.lowercased().hasPrefix("color:"), let c = RGBColor(parsing: String(text.dropFirst(6))) else { return nil }
            self = .color(c)
        }
    }

    /// `fade`, `mirror`, `edge`, `blur` or `color:#RRGGBB` (as recorded in provenance).
    public var description: String {
        switch self {
        case .fade: return "fade"
        case .mirror: return "mirror"
        case .edge: return "edge"
        case .blur: return "blur"
        case .color(let c): return "color:" + c.hexString
        }
    }
}
