/// A diagnostic whose text refers to settings by their field names
/// (`minSize`, `allowOutside`), so that each front end can name them its own
/// way: the library's ``description`` keeps the field names, and the CLI
/// passes a function that turns each into its flag (`--min-size`).
///
///     warning.line { field in flags[field] ?? field }
public protocol NamesFields: CustomStringConvertible {
    /// The one line, with every setting it mentions written as `name(field)`.
    func line(naming name: (String) -> String) -> String
}

extension NamesFields {
    /// The line with the settings' field names as they are.
    public var description: String { line { $0 } }
}
