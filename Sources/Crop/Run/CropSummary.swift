import Foundation

/// What a crop run did; also the `--json` output of `dman crop`.
public struct CropSummary: Sendable, Codable, Equatable {
    public var manifest: String
    public var format: String
    public var output: String
    /// Pictures that yielded at least one crop.
    public var images = 0
    /// Crops in the output (written now or kept from an earlier run).
    public var crops = 0
    /// Crops written by this run.
    public var written = 0
    /// Crops already finished by an earlier run and kept.
    public var resumed = 0
    /// Crops with some padding, and their mean pad fraction.
    public var padded = 0
    public var meanPadFraction = 0.0
    /// Crops padded above ``CropOptions/maxPad``.
    public var overMaxPad = 0
    /// Crops upscaled by more than 2×.
    public var upscaled = 0
    /// Boxes skipped by ``CropOptions/minSize``.
    public var skipped = 0
    /// Boxes left out by ``CropOptions/labels``.
    public var filtered = 0
    /// Items (entries, pictures or boxes) that failed, one error line each.
    public var failed = 0
    /// The error lines, in the order reported (the library's wording; a
    /// front end may render ``failures`` its own way instead).
    public var errors: [String] = []
    /// The failures as typed errors, in the same order as ``errors`` (not encoded).
    public var failures: [CropError] = []
    /// Whether the run stopped at the first error (`--strict`, or an output
    /// file that could not be written: disk full, read-only folder).
    public var stoppedEarly = false

    enum CodingKeys: String, CodingKey {
        case manifest, format, output, images, crops, written, resumed, padded, meanPadFraction, overMaxPad, upscaled,
             skipped, filtered, failed, errors, stoppedEarly
    }

    public init(manifest: String, format: String, output: String) {
        self.manifest = manifest
        self.format = format
        self.output = output
    }

    /// `212 crops from 180 images · 14 padded (mean 6%) · 3 skipped (see above)`.
    public var line: String {
        var parts = ["\(crops) crop\(crops == 1 ? "" : "s") from \(images) image\(images == 1 ? "" : "s")"]
        if resumed > 0 { parts[0] += " (\(resumed) kept from an earlier run)" }
        parts.append("\(padded) padded" + (padded > 0 ? " (mean \(Int((meanPadFraction * 100).rounded()))%)" : ""))
        if upscaled > 0 { parts.append("\(upscaled) upscaled >2×") }
        if skipped + failed > 0 { parts.append("\(skipped + failed) skipped (see above)") }
        if stoppedEarly { parts.append("stopped at the first error") }
        return parts.joined(separator: " · ")
    }
}
