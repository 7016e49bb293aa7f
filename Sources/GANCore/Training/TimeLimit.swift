import Foundation

/// A training time limit: a number followed by `s`, `m` or `h` (`90s`,
/// `20m`, `2h`, `1.5h`); a bare number is seconds.
public struct TimeLimit: Sendable, Equatable, CustomStringConvertible {
    /// The limit in seconds.
    public let seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    /// Reads `90s`, `20m`, `2h`, `1.5h` or a bare number of seconds; nil unless positive and finite.
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        var number = Substring(text), scale = 1.0
        if let last = text.last, let unit = units[last] { number = text.dropLast(); scale = unit }
        guard let value = Double(number), value > 0, value.isFinite else { return nil }
        seconds = value * scale
    }

    public var description: String {
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600))h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
