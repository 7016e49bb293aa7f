/// A non-fatal problem with one item, carried in ``ProgressEvent/warning(_:)``
/// as the library's own value (a `CropWarning`, or plain text where a library
/// has nothing to switch on), so a caller can switch on it and name the
/// settings it mentions in its own words (``NamesFields``).
///
///     report(.warning(ItemWarning(CropWarning.animated(path: p, frames: 2))))
///     report(.warning(ItemWarning("\(path): 2 frames (animated); only the first is augmented")))
public struct ItemWarning: Sendable, Equatable, CustomStringConvertible {
    /// The library's warning for this item.
    public let warning: any Sendable & CustomStringConvertible

    public init(_ warning: some Sendable & CustomStringConvertible) { self.warning = warning }

    /// The warning's one line, with the library's field names.
    public var description: String { warning.description }

    /// The warning's one line, with each setting it mentions named by `name`
    /// (plain text is returned as it is).
    public func line(naming name: (String) -> String) -> String {
        (warning as? any NamesFields)?.line(naming: name) ?? warning.description
    }

    /// Two warnings are equal when they are of one type and say the same.
    public static func == (a: ItemWarning, b: ItemWarning) -> Bool {
        type(of: a.warning) == type(of: b.warning) && a.description == b.description
    }
}
