import DmanCore

/// One transform with its exact parameters: the unit that is planned,
/// recorded (as an `AppliedTransform`) and replayed.
public enum TransformStep: Sendable, Equatable {
    case flip(Flip)
    case rotate(Rotate)
    case scale(Scale)
    case shift(Shift)
    case unsharp(UnsharpMask)
    case brightness(Brightness)
    case saturation(Saturation)
    case resize(Resize)

    /// Every transform name, in the order a plan applies them.
    public static let allNames = [Flip.name, Rotate.name, Scale.name, Shift.name, UnsharpMask.name,
                                  Brightness.name, Saturation.name, Resize.name]

    /// The stage tag written in `AppliedTransform.stage`.
    public static let stage = "augment"

    /// The parameters, type-erased.
    public var parameters: any TransformParameters {
        switch self {
        case .flip(let p): return p
        case .rotate(let p): return p
        case .scale(let p): return p
        case .shift(let p): return p
        case .unsharp(let p): return p
        case .brightness(let p): return p
        case .saturation(let p): return p
        case .resize(let p): return p
        }
    }

    /// The transform's name (`rotate`, `unsharp`, ...).
    public var name: String { type(of: parameters).name }

    /// Token for output file names.
    public var token: String { parameters.token }

    /// Whether this step moves pixels geometrically (fused into one resampling).
    var isGeometric: Bool {
        switch self {
        case .rotate, .scale, .shift: return true
        default: return false
        }
    }

    /// The provenance entry recording this step.
    public var applied: AppliedTransform {
        AppliedTransform(name: name, stage: Self.stage, parameters: parameters.jsonValue())
    }

    /// Rebuilds a step from a recorded `AppliedTransform` (validated).
    public init(_ applied: AppliedTransform) throws(AugmentError) {
        let v = applied.parameters
        switch applied.name {
        case Flip.name: self = .flip(try Flip.decode(v))
        case Rotate.name: self = .rotate(try Rotate.decode(v))
        case Scale.name: self = .scale(try Scale.decode(v))
        case Shift.name: self = .shift(try Shift.decode(v))
        case UnsharpMask.name: self = .unsharp(try UnsharpMask.decode(v))
        case Brightness.name: self = .brightness(try Brightness.decode(v))
        case Saturation.name: self = .saturation(try Saturation.decode(v))
        case Resize.name: self = .resize(try Resize.decode(v))
        default:
            throw .unknownTransform(name: applied.name, detail: "not one of \(Self.allNames.joined(separator: ", "))")
        }
    }

    /// Checks the parameters' ranges.
    public func validate() throws(AugmentError) { try parameters.validate() }
}

extension TransformStep: Codable {
    public init(from decoder: Decoder) throws {
        let applied = try AppliedTransform(from: decoder)
        do { self = try TransformStep(applied) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws { try applied.encode(to: encoder) }
}
