import DmanCore
import Foundation

/// The exact parameters of one transform: what is sampled, recorded in a
/// record's provenance, and replayed.
///
/// Drawing randomness (the samplers in ``RandomRanges`` and the grid in
/// ``AugmentPlan``) is separate from applying parameters
/// (``TransformStep/apply(to:)``), which is deterministic.
///
///     let step = TransformStep.rotate(Rotate(angle: 5, fill: .edge))
///     let record = step.applied            // AppliedTransform(name: "rotate", …)
///     let again = try TransformStep(record) // == step
public protocol TransformParameters: Codable, Sendable, Equatable {
    /// Name stored in `AppliedTransform.name`.
    static var name: String { get }
    /// Throws when a value is out of range (checked once, when built or decoded).
    func validate() throws(AugmentError)
    /// Short token used in output file names (`r+5`, `flip`, `usm`).
    var token: String { get }
}

extension TransformParameters {
    /// The parameters as a JSON value (for `AppliedTransform.parameters`).
    func jsonValue() -> JSONValue {
        // Encoding a struct of numbers, strings and booleans cannot fail.
        let data = try! JSONEncoder().encode(self)
        return try! JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Decodes and validates parameters from a record's JSON value.
    static func decode(_ value: JSONValue) throws(AugmentError) -> Self {
        let decoded: Self
        do {
            let data = try JSONEncoder().encode(value)
            decoded = try JSONDecoder().decode(Self.self, from: data)
        } catch {
            throw .unknownTransform(name: name, detail: "parameters " + JSONDiagnostics.describe(error))
        }
        try decoded.validate()
        return decoded
    }
}

/// Formats a number for file names and plans: no trailing zeros, explicit sign when asked.
func formatNumber(_ v: Double, signed: Bool = false) -> String {
    var s = String(format: "%.3f", v)
    while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
    if s == "-0" { s = "0" }
    if signed && v > 0 { s = "+" + s }
    return s
}
