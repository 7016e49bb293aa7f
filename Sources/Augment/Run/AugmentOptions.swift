import DmanCore
import Foundation

/// Everything one `dman augment` run needs besides progress reporting.
public struct AugmentOptions: Sendable {
    /// A dataset folder (with `dataset.json`) or any folder of pictures. Never modified.
    public var input: URL
    /// The output dataset folder (only PNGs and `dataset.json` go there).
    public var output: URL
    public var plan: AugmentPlan
    /// Worker threads; the output bytes do not depend on it.
    public var jobs: Int = Parallel.defaultJobs
    /// Stop at the first bad source instead of reporting it and going on.
    public var strict = false
    /// Where to write a contact sheet (a few sources × all their variants).
    public var preview: URL?
    /// Sources shown on the contact sheet (spread evenly over the input).
    public var previewSources = 4
    /// Plan and count only; writes no outputs (the preview, if asked for, is still written).
    public var dryRun = false
    /// The slice of sources this run handles (`--shard I/N`); the outputs of
    /// all shards joined with `dman merge` equal one unsharded run.
    public var shard: Shard = .all
    /// Rebuild from nothing: an existing output folder is first moved aside
    /// to `OUT.before-rebuild-N` (never deleted). Without it, a rerun into a
    /// folder that a later stage changed (quarantine, order) keeps those
    /// decisions or refuses (``StageDecisions``).
    public var force = false

    public init(input: URL, output: URL, plan: AugmentPlan) {
        self.input = input
        self.output = output
        self.plan = plan
    }
}

/// What a run did; also the `--json` output.
public struct AugmentSummary: Sendable, Equatable, Codable {
    public var input: String
    public var output: String
    public var sources: Int
    public var variantsPerSource: Int
    /// Outputs planned, originals included.
    public var planned: Int
    /// Outputs rendered and written by this run.
    public var written: Int
    /// Outputs already present from an earlier run (same record, same bytes) and kept.
    public var resumed: Int
    /// Sources that could not be processed (each also reported as one line).
    public var failedSources: Int
    public var failures: [String]
    /// Sources not attempted because the run stopped early (`--strict`, or a full disk).
    public var skippedSources: Int = 0
    /// The write that found the disk (or quota) full; the run stopped there.
    public var outOfSpace: String?
    /// Records in an earlier `dataset.json` that the current plan no longer makes.
    public var stale: Int
    /// Planned outputs a later stage moved to `quarantine/`; left there, not written again.
    public var keptInQuarantine: Int = 0
    /// Where `--force` moved the earlier output folder.
    public var movedAside: String?
    public var preview: String?
    public var dryRun: Bool
    /// `212 sources × 15 variants = 3180 (+212 originals)`.
    public var count: String
    public var plan: AugmentPlan
    public var jobs: Int
    public var seconds: Double
}
