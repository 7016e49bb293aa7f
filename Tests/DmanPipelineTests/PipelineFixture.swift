import DemoArt
import DmanCore
import DmanPipeline
import DmanTestSupport
import Foundation

/// A few demo pictures with their boxes, and a collector of pipeline events.
final class PipelineFixture {
    let tmp = TemporaryDirectory("dman-pipeline")
    let manifest: URL

    init(count: Int = 6) throws {
        manifest = try DemoSourceSet(count: count, seed: 3).write(to: tmp.path("sources"), jobs: 2)
    }

    /// Small sizes so every stage stays fast: 32 px crops, augmented at 32 px, no preview.
    static let small = """
        [crop]
        size = 32
        [augment]
        size = 32
        rotations = "±4"
        [audit]
        batch = 4
        [train]
        iterations = 2
        batch = 4
        gf = 8
        df = 8
        z-dim = 8
        sample-every = 0
        [eval]
        count = 16
        [generate]
        count = 4
        """

    /// A config read from TOML text through `PipelineConfig.load`.
    func config(_ toml: String, name: String = "p.toml") throws -> PipelineConfig {
        let url = tmp.path(name)
        try Data(toml.utf8).write(to: url)
        return try PipelineConfig.load(url)
    }

    /// Runs `stages` into `root` (default: `out`), returning the outcomes and every event.
    func run(_ config: PipelineConfig, stages: [PipelineStage]? = nil, root: String = "out")
        throws -> (outcomes: [StageOutcome], events: [PipelineEvent]) {
        let plan = try PipelinePlan(manifest: manifest, root: tmp.path(root), config: config, stages: stages, jobs: 2)
        let log = EventLog()
        let outcomes = try Pipeline(plan: plan).run { log.append($0) }
        return (outcomes, log.events)
    }
}

/// Events gathered from the pipeline's (possibly concurrent) callbacks.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [PipelineEvent] = []
    func append(_ e: PipelineEvent) { lock.lock(); list.append(e); lock.unlock() }
    var events: [PipelineEvent] { lock.lock(); defer { lock.unlock() }; return list }

}

extension [PipelineEvent] {
    /// The stages that started, in order.
    var started: [PipelineStage] { compactMap { if case .stageStarted(let s, _) = $0 { return s } else { return nil } } }
    /// The stages that were skipped, in order.
    var skipped: [PipelineStage] { compactMap { if case .stageSkipped(let s) = $0 { return s } else { return nil } } }
}

/// `(id, sha256)` of every record in a dataset folder, sorted by id.
func recordHashes(_ folder: URL) throws -> [String] {
    try DatasetFolder(folder).load().records.map { "\($0.id) \($0.sha256)" }.sorted()
}
