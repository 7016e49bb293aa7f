/// A stage setting that cannot be used, named by its key (a command's long
/// flag without the dashes, the same key a pipeline config uses), never by a
/// library field, so each front end can say it its own way: the CLI as
/// `--margin -1: …`, a pipeline config as `[crop] margin = -1: …`.
///
///     throw SettingError(key: "margin", value: "-1", rule: "must be 0 or more")
public struct SettingError: Error, Sendable, Equatable, NamesFields {
    /// The setting's key (`margin`, `min-size`, `rotations`).
    public var key: String
    /// The value as given (empty when the key itself is the problem).
    public var value: String
    /// What the value must be.
    public var rule: String

    public init(key: String, value: String, rule: String) {
        self.key = key
        self.value = value
        self.rule = rule
    }

    /// `name(key) value: rule`, e.g. `--margin -1: must be 0 or more`.
    public func line(naming name: (String) -> String) -> String {
        value.isEmpty ? "\(name(key)): \(rule)" : "\(name(key)) \(value): \(rule)"
    }
}
