/// The share of a crop that may be padding before a picture is suspect.
///
/// One number for both stages, so they agree: `dman crop` warns above it
/// (`--max-pad`) and `dman audit` reports `mostly_padding` above it.
public enum PaddingLimit {
    /// Padding above this share of the crop's area draws a warning (crop) and
    /// a `mostly_padding` finding (audit).
    public static let defaultMaxFraction = 0.25
}
