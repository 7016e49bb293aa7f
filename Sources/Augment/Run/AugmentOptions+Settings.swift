import DmanCore
import Foundation

extension AugmentOptions {
    /// The keys ``init(input:output:settings:)`` reads: `dman augment`'s long
    /// flags without the dashes (`replay` and `replay-to` re-render one output
    /// instead of running, so they are the command's alone).
    public static let settingKeys = AugmentPlan.settingKeys + ["preview", "preview-sources", "shard", "dry-run", "strict", "force"]

    /// A run read from named settings (a pipeline config's `[augment]`
    /// section): the plan (``AugmentPlan/init(settings:)``) and how to run it.
    public init(input: URL, output: URL, settings s: StageSettings) throws(SettingError) {
        self.init(input: input, output: output, plan: try AugmentPlan(settings: s))
        preview = try s.string("preview").map { URL(fileURLWithPath: $0) }
        if let n = try s.int("preview-sources") { previewSources = n }
        try s.require(previewSources >= 1, "preview-sources", "must be 1 or more")
        if let sh = try s.parsed("shard", expected: "expects I/N with 0 ≤ I < N, e.g. 0/3", Shard.init(parsing:)) { shard = sh }
        dryRun = try s.bool("dry-run")
        strict = try s.bool("strict")
        force = try s.bool("force")
    }
}

extension AugmentPlan {
    /// The keys ``init(settings:)`` reads.
    public static let settingKeys = ["rotations", "rotation-steps", "rotation-fill", "unsharp", "unsharp-only", "flip", "scales",
                                     "shifts", "brightness", "saturation", "random", "random-only", "seed", "size",
                                     "no-originals", "engine"]

    /// The setting key of each plan field or transform an ``AugmentError/invalidParameter(what:detail:)`` names.
    public static let settingKeyByField = ["rotations": "rotations", "rotationSteps": "rotation-steps", "rotate.angle": "rotations",
                                           "unsharp": "unsharp", "unsharpOnly": "unsharp-only", "scales": "scales",
                                           "scale.factor": "scales", "shift": "shifts", "brightness": "brightness",
                                           "brightness.percent": "brightness", "saturation": "saturation",
                                           "saturation.percent": "saturation", "randomDraws": "random",
                                           "randomOnly": "random-only", "resize": "size"]

    /// A plan read from named settings, parsed (`±5`, `0x1+1+0.05`, `±3%`)
    /// and validated here; an error names the setting's key.
    public init(settings s: StageSettings) throws(SettingError) {
        self.init()
        do {
            let steps = try s.int("rotation-steps") ?? 1
            try s.require(steps >= 1, "rotation-steps", "must be 1 or more")
            if let r = try s.string("rotations") { rotations = try Self.parseAngles(r, steps: steps) }
            if let f = try s.choice("rotation-fill", GeometryFill.self) { fill = f }
            if let u = try s.string("unsharp") { unsharp = try UnsharpMask(parsing: u) }
            unsharpOnly = try s.bool("unsharp-only")
            flip = try s.bool("flip")
            if let t = try s.string("scales") { scales = try Self.parseList(t, what: "scales") }
            shift = try s.double("shifts")
            if let t = try s.string("brightness") { brightness = try Self.parsePercent(t, what: "brightness") }
            if let t = try s.string("saturation") { saturation = try Self.parsePercent(t, what: "saturation") }
            if let n = try s.int("random") { randomDraws = n }
            try s.require(randomDraws >= 0, "random", "must be 0 or more")
            randomOnly = try s.bool("random-only")
            if let n = try s.uint64("seed") { seed = n }
            size = try s.int("size")
            includeOriginals = !(try s.bool("no-originals"))
            if let e = try s.choice("engine", Rendering.Engine.self) { engine = e }
            try validate()
        } catch let e as SettingError {
            throw e
        } catch let e as AugmentError {
            guard case .invalidParameter(let what, let detail) = e else { throw SettingError(key: "plan", value: "", rule: e.description) }
            throw SettingError(key: Self.settingKeyByField[what] ?? what, value: "", rule: detail)
        } catch {
            throw SettingError(key: "plan", value: "", rule: "\(error)")
        }
    }
}
