/// What a long-running library call reports while it works; the CLI turns
/// these into a progress bar, or JSON lines with `--json`.
public enum ProgressEvent: Sendable, Equatable {
    /// Work of `total` items begins (`resumed` were already done earlier).
    case started(stage: String, total: Int, resumed: Int)
    /// One item finished (successfully or not).
    case advanced(completed: Int, total: Int)
    /// A non-fatal problem with one item (its one line names the file).
    case warning(ItemWarning)
    /// An item failed (its typed error); the others go on.
    case itemFailed(ItemFailure)
}

/// A sink for progress events; must be safe to call from any thread.
public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void
