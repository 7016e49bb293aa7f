import Foundation

/// The named settings of one stage, as a caller gave them: a pipeline
/// config's section, or any other key–value source. Keys are the stage
/// command's long flags without the dashes (`min-size`, `rotation-steps`).
///
/// Each stage library reads its own typed options from it, once, in one
/// initializer (`CropOptions(settings:)`, `AugmentOptions(input:output:settings:)`,
/// …), so a key means the same wherever it is given. Values are read
/// leniently, as the command line would take them: a number may be written
/// as a string (`"64"`) and a string as a number (`rotations = 5`); `null`
/// is the same as leaving the key out. Every key must be read: ``finish()``
/// names the first one no reader asked for.
///
///     let s = StageSettings([("size", .number(64)), ("pad", .string("edge"))])
///     let size = try s.int("size")            // 64
///     let pad = try s.string("pad")           // "edge"
///     try s.finish()
public final class StageSettings {
    /// The values in the order given.
    public let values: [(key: String, value: JSONValue)]
    private var asked = Set<String>()

    public init(_ values: [(key: String, value: JSONValue)] = []) { self.values = values }

    /// The value of `key` (the last one when given twice), or nil when absent or `null`.
    public func raw(_ key: String) -> JSONValue? {
        asked.insert(key)
        guard let v = values.last(where: { $0.key == key })?.value, v != .null else { return nil }
        return v
    }

    /// The value of `key` as the text a command line would hold.
    public func string(_ key: String) throws(SettingError) -> String? {
        guard let v = raw(key) else { return nil }
        guard let text = Self.text(v) else { throw SettingError(key: key, value: Self.shown(v), rule: "expects one value") }
        return text
    }

    /// A whole number.
    public func int(_ key: String) throws(SettingError) -> Int? {
        try parsed(key, expected: "expects a whole number") { Int($0) }
    }

    /// A non-negative whole number (a seed).
    public func uint64(_ key: String) throws(SettingError) -> UInt64? {
        try parsed(key, expected: "expects a whole number of 0 or more") { UInt64($0) }
    }

    /// A number (`nan` is read, as on a command line; the stage's checks refuse it).
    public func double(_ key: String) throws(SettingError) -> Double? {
        try parsed(key, expected: "expects a number") { Double($0) }
    }

    /// A number, at single precision.
    public func float(_ key: String) throws(SettingError) -> Float? {
        try parsed(key, expected: "expects a number") { Float($0) }
    }

    /// A switch: `true` turns it on, `false` (or leaving it out) off.
    public func bool(_ key: String) throws(SettingError) -> Bool {
        guard let v = raw(key) else { return false }
        switch v {
        case .bool(let b): return b
        case .string("true"): return true
        case .string("false"): return false
        default: throw SettingError(key: key, value: Self.shown(v), rule: "expects true or false")
        }
    }

    /// Values of a key that may be given several times (an array, or one value).
    public func strings(_ key: String) throws(SettingError) -> [String] {
        guard let v = raw(key) else { return [] }
        let items: [JSONValue]
        if case .array(let a) = v { items = a } else { items = [v] }
        var out: [String] = []
        for item in items {
            guard let t = Self.text(item) else { throw SettingError(key: key, value: Self.shown(v), rule: "expects a list of values") }
            out.append(t)
        }
        return out
    }

    /// One of an enumeration's raw values.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type = T.self) throws(SettingError) -> T?
    where T.RawValue == String {
        try parsed(key, expected: "expects one of \(T.allCases.map(\.rawValue).joined(separator: ", "))") { T(rawValue: $0) }
    }

    /// The value of `key` read by `parse`; an unreadable value is refused with `expected`.
    public func parsed<T>(_ key: String, expected: String, _ parse: (String) -> T?) throws(SettingError) -> T? {
        guard let text = try string(key) else { return nil }
        guard let value = parse(text.trimmingCharacters(in: .whitespaces)) else {
            throw SettingError(key: key, value: text, rule: expected)
        }
        return value
    }

    /// Refuses `key`'s value with `rule` unless `condition` holds.
    public func require(_ condition: Bool, _ key: String, _ rule: String) throws(SettingError) {
        guard !condition else { return }
        // A switch is named alone (`restore: …`), a value with it (`batch 0: …`).
        let given = values.last(where: { $0.key == key })?.value
        let shown: String
        if case .bool? = given { shown = "" } else { shown = given.map(Self.shown) ?? "" }
        throw SettingError(key: key, value: shown, rule: rule)
    }

    /// Marks keys as known without reading them (set elsewhere, e.g. by the pipeline itself).
    public func ignore(_ keys: String...) { asked.formUnion(keys) }

    /// Refuses the first key no reader asked for.
    public func finish() throws(SettingError) {
        if let unknown = values.first(where: { !asked.contains($0.key) }) {
            throw SettingError(key: unknown.key, value: "", rule: "is not a setting of this stage")
        }
    }

    /// The text of a scalar, as a command line would hold it (nil for arrays and objects).
    public static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null, .array, .object: return nil
        }
    }

    static func shown(_ value: JSONValue) -> String {
        if let t = text(value) { return t }
        if case .array(let a) = value { return "[" + a.map(shown).joined(separator: ", ") + "]" }
        return "{…}"
    }
}
