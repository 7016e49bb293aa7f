/// One item that failed while the others went on, carried in
/// ``ProgressEvent/itemFailed(_:)`` as the library's own typed error (a
/// `CropError`, `AugmentError`, `AuditError`, …), so a caller can switch on
/// it; ``description`` is its one line naming the file.
///
///     report(.itemFailed(ItemFailure(CropError.decode(path: p, detail: d))))
public struct ItemFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The library's error for this item.
    public let error: any Error & Sendable & CustomStringConvertible

    public init(_ error: some Error & Sendable & CustomStringConvertible) { self.error = error }

    /// The error's one line.
    public var description: String { error.description }

    /// Two failures are equal when their errors are of one type and say the same.
    public static func == (a: ItemFailure, b: ItemFailure) -> Bool {
        type(of: a.error) == type(of: b.error) && a.description == b.description
    }
}
