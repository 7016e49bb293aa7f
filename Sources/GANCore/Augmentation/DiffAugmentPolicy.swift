import DmanCore
import Foundation

/// One DiffAugment policy family, as named by Zhao et al. (2020).
///
/// `color` is three steps in order (brightness, saturation, contrast),
/// exactly like `AUGMENT_FNS['color']` in the official `DiffAugment_pytorch.py`.
public enum DiffAugmentOp: String, Sendable, Codable, CaseIterable {
    /// Brightness `+U(-0.5, 0.5)`, saturation `×U(0, 2)` around the per-pixel
    /// channel mean, contrast `×U(0.5, 1.5)` around the per-image mean.
    case color
    /// Integer shift by up to `ratio` (1/8) of the size, zero padding.
    case translation
    /// A zeroed rectangle of `ratio` (1/2) of the size at a random centre.
    case cutout
}

/// An ordered list of DiffAugment ops, as parsed from `--diffaugment`.
///
///     let policy = try DiffAugmentPolicy(parsing: "color,translation,cutout")
///
/// Ops run in the order given (the official code does the same).
public struct DiffAugmentPolicy: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// Ops in application order.
    public var ops: [DiffAugmentOp]
    /// Largest shift as a fraction of the size (official default 0.125).
    public var translationRatio: Double
    /// Cutout side as a fraction of the size (official default 0.5).
    public var cutoutRatio: Double

    public init(_ ops: [DiffAugmentOp], translationRatio: Double = 0.125, cutoutRatio: Double = 0.5) {
        self.ops = ops
        self.translationRatio = translationRatio
        self.cutoutRatio = cutoutRatio
    }

    /// The policy the paper recommends for small data sets.
    public static let standard = DiffAugmentPolicy([.color, .translation, .cutout])

    /// Parses a comma-separated list (`color,translation,cutout`); an empty
    /// string or `none` gives the empty policy (identity).
    public init(parsing text: String) throws(DiffAugmentError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed == "none" {
            self.init([])
            return
        }
        var ops: [DiffAugmentOp] = []
        for part in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let op = DiffAugmentOp(rawValue: name) else { throw .unknownOp(name) }
            if ops.contains(op) { throw .repeatedOp(name) }
            ops.append(op)
        }
        self.init(ops)
    }

    /// `color,translation,cutout` (or `none`).
    public var description: String { ops.isEmpty ? "none" : ops.map(\.rawValue).joined(separator: ",") }

    /// Largest shift in rows for images `height` high: `Int(height * ratio + 0.5)`.
    public func maxShift(_ size: Int) -> Int { Int(Double(size) * translationRatio + 0.5) }

    /// Cutout side for a dimension of `size`: `Int(size * ratio + 0.5)`.
    public func cutoutSize(_ size: Int) -> Int { Int(Double(size) * cutoutRatio + 0.5) }
}

/// A ``DCGANConfig/diffAugment`` policy string that could not be parsed.
public enum DiffAugmentError: Error, Sendable, Equatable, NamesFields {
    case unknownOp(String)
    case repeatedOp(String)

    public func line(naming field: (String) -> String) -> String {
        switch self {
        case .unknownOp(let name):
            "\(field("diffAugment")): unknown policy '\(name)' (expected color, translation, cutout)"
        case .repeatedOp(let name):
            "\(field("diffAugment")): policy '\(name)' given twice"
        }
    }
}
