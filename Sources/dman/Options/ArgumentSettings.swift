import ArgumentParser
import DmanCore

/// A command's parsed flags as a stage's named settings, so the command's
/// typed options come from the stage library's one reader
/// (`CropOptions(settings:)`, …), the reader a pipeline config goes through:
/// each `@Option`/`@Flag` property becomes the key its long flag spells
/// (`minSize` → `min-size`), with its value as parsed (defaults included).
/// Arguments, option groups and the keys in `skipping` are left out.
///
///     var options = try CropOptions(settings: StageSettings(arguments: self, skipping: ["output"]))
extension StageSettings {
    convenience init(arguments command: some ParsableArguments, skipping: Set<String> = [],
                     renamed: [String: String] = [:]) {
        var values: [(key: String, value: JSONValue)] = []
        for child in Mirror(reflecting: command).children {
            guard let label = child.label, label.hasPrefix("_"), let argument = child.value as? any SettingArgument else { continue }
            let name = String(label.dropFirst())
            let key = renamed[name] ?? Self.flagName(name)
            guard !skipping.contains(key), let value = argument.settingValue else { continue }
            values.append((key, value))
        }
        self.init(values)
    }

    /// `minSize` → `min-size`, as ArgumentParser spells a property's long flag.
    static func flagName(_ property: String) -> String {
        var out = ""
        for c in property {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    /// A parsed value as a setting: nil for an absent optional.
    static func value(_ any: Any) -> JSONValue? {
        let mirror = Mirror(reflecting: any)
        if mirror.displayStyle == .optional { return mirror.children.first.flatMap { value($0.value) } }
        switch any {
        case let b as Bool: return .bool(b)
        // Whole numbers beyond 2^53 travel as text, so a seed keeps every digit.
        case let i as Int: return abs(i) < 1 << 53 ? .number(Double(i)) : .string(String(i))
        case let u as UInt64: return u < 1 << 53 ? .number(Double(u)) : .string(String(u))
        case let d as Double: return .number(d)
        case let f as Float: return .string(f.description)
        case let s as String: return .string(s)
        case let list as [Any]: return .array(list.compactMap { value($0) })
        case let r as any RawRepresentable: return (r.rawValue as? String).map { .string($0) }
        case let c as CustomStringConvertible: return .string(c.description)
        default: return nil
        }
    }
}

extension ParsableArguments {
    /// Reads these flags through a stage library's settings reader; every key
    /// must be read, and a refused value is a usage error naming its flag.
    ///
    ///     func options() throws -> CropOptions { try readSettings(skipping: ["output"]) { try CropOptions(settings: $0) } }
    func readSettings<T>(skipping: Set<String> = [], renamed: [String: String] = [:],
                         _ reader: (StageSettings) throws -> T) throws -> T {
        let settings = StageSettings(arguments: self, skipping: skipping, renamed: renamed)
        do {
            let value = try reader(settings)
            try settings.finish()
            return value
        } catch { throw ValidationError(ErrorPresenter.line(for: error)) }
    }
}

/// An ArgumentParser property wrapper whose parsed value is a setting.
protocol SettingArgument {
    var settingValue: JSONValue? { get }
}

extension Option: SettingArgument {
    var settingValue: JSONValue? { StageSettings.value(wrappedValue) }
}

extension Flag: SettingArgument {
    var settingValue: JSONValue? { StageSettings.value(wrappedValue) }
}
