import DmanCore

/// The issue types `dman audit` reports (JSON names in snake case).
public enum AuditIssue: String, Sendable, Codable, CaseIterable, Comparable {
    case exactDuplicates = "exact_duplicates"
    case nearDuplicates = "near_duplicates"
    case dark
    case light
    case blurry
    case lowInformation = "low_information"
    case oddSize = "odd_size"
    case oddAspectRatio = "odd_aspect_ratio"
    case grayscale
    case borderBands = "border_bands"
    case upscaled
    case mostlyPadding = "mostly_padding"
    case transparency
    case unreadable

    public static func < (a: AuditIssue, b: AuditIssue) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// One line saying what the score is and when it fires.
    public var rule: String {
        switch self {
        case .exactDuplicates: return "identical decoded pixels in two or more families"
        case .nearDuplicates: return "perceptual hash distance within the threshold, between families"
        case .dark: return "99th percentile of brightness < threshold (cleanvision)"
        case .light: return "1 − 5th percentile of brightness < threshold (cleanvision)"
        case .blurry: return "1−exp(−0.01·edge σ) (+ histogram-σ term above 0.18) < threshold (cleanvision)"
        case .lowInformation: return "0.1 × RGB histogram entropy < threshold (cleanvision)"
        case .oddSize: return "1 − |√area − IQR-window centre| / window width < threshold (cleanvision, iqr factor 3)"
        case .oddAspectRatio: return "min(w/h, h/w) < threshold"
        case .grayscale: return "share of coloured pixels < threshold while most of the set is colour"
        case .borderBands: return "flat border bands cover ≥ threshold of the height or width"
        case .upscaled: return "provenance upscale factor > threshold"
        case .mostlyPadding: return "provenance padFraction > threshold"
        case .transparency: return "share of pixels with alpha < 255 > threshold"
        case .unreadable: return "the file could not be read or decoded"
        }
    }
}

/// Default thresholds; every value can be changed through the library.
///
/// cleanvision's current defaults (`image_property_issue_manager.py`) for
/// dark (0.32), light (0.05), blurry (0.29, normalising factor 0.01, colour
/// threshold 0.18), low information (0.3, factor 0.1) and odd size (IQR
/// factor 3, score 0.5). Odd aspect ratio is stricter than cleanvision's 0.35
/// (0.5: training crops are square, so 2:1 is already wrong).
public struct AuditThresholds: Sendable, Codable, Equatable {
    public var dark = 0.32
    public var light = 0.05
    public var blurry = 0.29
    public var blurNormalizingFactor = 0.01
    public var blurColourThreshold = 0.18
    public var lowInformation = 0.3
    public var entropyNormalizingFactor = 0.1
    public var oddSize = 0.5
    public var oddSizeIQRFactor = 3.0
    public var oddAspectRatio = 0.5
    /// An image is grayscale below this share of coloured pixels.
    public var grayscale = 0.01
    /// The set counts as colour when at least this share of images is colour.
    public var colourSetShare = 0.5
    public var borderBands = 0.03
    public var upscale = 2.0
    /// `mostly_padding` above this share of padding: the same limit as `dman crop --max-pad`.
    public var padding = PaddingLimit.defaultMaxFraction
    public var transparency = 0.001

    public init() {}

    enum CodingKeys: String, CodingKey {
        case dark, light, blurry, grayscale, upscale, padding, transparency
        case blurNormalizingFactor = "blur_normalizing_factor", blurColourThreshold = "blur_colour_threshold"
        case lowInformation = "low_information", entropyNormalizingFactor = "entropy_normalizing_factor"
        case oddSize = "odd_size", oddSizeIQRFactor = "odd_size_iqr_factor", oddAspectRatio = "odd_aspect_ratio"
        case colourSetShare = "colour_set_share", borderBands = "border_bands"
    }

    /// The threshold of `issue` (nil for duplicates and unreadable files).
    public func value(for issue: AuditIssue) -> Double? {
        switch issue {
        case .dark: return dark
        case .light: return light
        case .blurry: return blurry
        case .lowInformation: return lowInformation
        case .oddSize: return oddSize
        case .oddAspectRatio: return oddAspectRatio
        case .grayscale: return grayscale
        case .borderBands: return borderBands
        case .upscaled: return upscale
        case .mostlyPadding: return padding
        case .transparency: return transparency
        case .exactDuplicates, .nearDuplicates, .unreadable: return nil
        }
    }
}
