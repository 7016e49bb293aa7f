import Foundation
import DmanCore

/// Audits a dataset folder (with `dataset.json`) or a plain folder of images.
///
/// Files are read and measured in parallel (decoding dominates: 8-bit PNGs go
/// through ``PNGFastDecoder``, everything else through ``ImageCodec``);
/// measures are cached inside the folder (``HashCache``). Unreadable files
/// become `unreadable` findings and never stop the audit.
///
///     let result = try Auditor().audit(folder: url)
///     print(result.report.nearDuplicates)
public struct Auditor: Sendable {
    /// What to check and how.
    public struct Options: Sendable {
        public var rule = NearDuplicateRule()
        public var thresholds = AuditThresholds()
        /// Issues to report (default: all). Without any per-image quality
        /// issue, only hashes are computed.
        public var issues = Set(AuditIssue.allCases)
        public var jobs = Parallel.defaultJobs
        public var useCache = true
        /// Stop at the first unreadable file.
        public var strict = false
        /// Measure only this slice of the images (`--shard I/N`) and write
        /// their hashes beside the folder for the next whole audit.
        public var shard: Shard = .all

        public init() {}

        var needsQuality: Bool {
            !issues.isDisjoint(with: [.dark, .light, .blurry, .lowInformation, .grayscale, .borderBands, .transparency])
        }
    }

    /// An audit's report plus the per-item data later steps (dedupe, order, HTML) use.
    public struct Result: Sendable {
        public var report: AuditReport
        public var items: [AuditItem]
        public var duplicates: DuplicateAnalysis
        /// The dataset document, when the folder has one.
        public var document: DatasetDocument?
        /// A warning about the cache, if it could not be written.
        public var cacheWarning: String?
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Lists the images of `folder` as audit items (without measuring them).
    public static func discover(folder: URL) throws(AuditError) -> (items: [AuditItem], document: DatasetDocument?) {
        let ds = DatasetFolder(folder)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw .unreadableDataset(path: folder.path, reason: "no such folder")
        }
        if ds.hasDocument {
            let doc: DatasetDocument
            do { doc = try ds.load() } catch { throw .unreadableDataset(path: ds.documentURL.path, reason: error.description) }
            let items = doc.records.map { AuditItem(id: $0.id, file: $0.file, family: $0.family, record: $0) }
            return (items, doc)
        }
        let names: [String]
        do { names = try DatasetFolder.listImages(in: folder) } catch {
            throw .unreadableDataset(path: folder.path, reason: error.description)
        }
        return (names.map { AuditItem(id: $0, file: $0, family: $0) }, nil)
    }

    /// Runs the audit.
    public func audit(folder: URL, progress: ProgressHandler? = nil) throws(AuditError) -> Result {
        var (items, document) = try Self.discover(folder: folder)
        if options.shard.count > 1 { items = items.filter { options.shard.contains($0.id) } }
        let kinds = options.rule.kinds
        let quality = options.needsQuality
        var cache = options.useCache || options.shard.count > 1 ? HashCache(folder: folder, shard: options.shard) : nil
        let cacheSnapshot = cache
        let confined = ConfinedPath(root: folder)
        let counter = ProgressCounter(total: items.count, handler: progress)
        progress?(.started(stage: "audit", total: items.count, resumed: 0))
        let strict = options.strict
        let stop = StopFlag()
        let measured = Parallel.map(items, jobs: options.jobs) { item -> (ImageMeasures?, String?, String?, Bool) in
            if strict && stop.isSet { return (nil, "not read (the strict audit stopped at an unreadable image)", nil, false) }
            defer { counter.advance() }
            let r = Self.measure(item, confined: confined, cache: cacheSnapshot, kinds: kinds, quality: quality)
            if r.0 == nil {
                stop.set()
                progress?(.itemFailed(ItemFailure(AuditError.unreadableImage(path: item.file, reason: r.1 ?? "unreadable"))))
            }
            return r
        }
        var cachedCount = 0
        for k in items.indices {
            items[k].measures = measured[k].0
            items[k].error = measured[k].1
            if let digest = measured[k].2, let m = measured[k].0 { cache?.entries[items[k].file] = .init(digest: digest, measures: m) }
            if measured[k].3 { cachedCount += 1 }
        }
        if strict, let bad = items.first(where: { $0.measures == nil && !($0.error ?? "").hasPrefix("not read") }) {
            throw .unreadableDataset(path: folder.appendingPathComponent(bad.file).path, reason: bad.error ?? "unreadable")
        }
        var cacheWarning: String?
        if let cache, let problem = cache.save() { cacheWarning = "hash cache not saved: \(problem)" }
        let duplicates = Self.duplicates(items, rule: options.rule, confined: confined, jobs: options.jobs)
        let report = buildReport(folder: folder, items: items, document: document, duplicates: duplicates, cached: cachedCount)
        return Result(report: report, items: items, duplicates: duplicates, document: document, cacheWarning: cacheWarning)
    }

    /// Near-duplicate analysis: candidates among family representatives, then
    /// (when the rule verifies) their ``DetailThumbnail``s, decoded again from
    /// the files in parallel: only candidates need one, so a cached rerun
    /// decodes a small part of the dataset.
    static func duplicates(_ items: [AuditItem], rule: NearDuplicateRule, confined: ConfinedPath, jobs: Int) -> DuplicateAnalysis {
        let rank = Quarantine.ranking(items)
        var details: [Int: DetailThumbnail] = [:]
        if rule.verification != nil {
            let reps = DuplicateAnalysis.representatives(items)
            let needed = Array(Set(DuplicateAnalysis.candidates(items, representatives: reps, rule: rule, jobs: jobs)
                .flatMap { [$0.a, $0.b] })).sorted()
            let made = Parallel.map(needed, jobs: jobs) { i in Self.detail(items[i], confined: confined) }
            for (i, d) in zip(needed, made) { if let d { details[i] = d } }
        }
        return DuplicateAnalysis.analyse(items, rule: rule, jobs: jobs, detail: details, rank: rank)
    }

    /// The verification thumbnail of one file (nil when it cannot be read now).
    static func detail(_ item: AuditItem, confined: ConfinedPath) -> DetailThumbnail? {
        guard let url = Self.plainChild(item.file, of: confined.root) ?? (try? confined.resolve(item.file)),
              let data = try? FileBytes.read(url) else { return nil }
        if let fast = PNGFastDecoder.decode(data) { return DetailThumbnail(fast) }
        return (try? ImageCodec.decode(data)).map { DetailThumbnail($0.image) }
    }

    /// Reads, decodes and measures one file: (measures, error, content digest, from cache).
    static func measure(_ item: AuditItem, confined: ConfinedPath, cache: HashCache?, kinds: [PerceptualHash.Kind],
                        quality: Bool) -> (ImageMeasures?, String?, String?, Bool) {
        let url: URL
        if let direct = Self.plainChild(item.file, of: confined.root) {
            url = direct
        } else {
            do { url = try confined.resolve(item.file) } catch { return (nil, error.description, nil, false) }
        }
        let data: Data
        do { data = try FileBytes.read(url) } catch {
            if case .unreadableDataset(_, let reason) = error { return (nil, reason, nil, false) }
            return (nil, error.description, nil, false)
        }
        // The file digest only serves the cache.
        let digest = cache == nil ? nil : data.withUnsafeBytes { ContentDigest.hex($0) }
        if let digest, let hit = cache?.lookup(item.file, digest: digest, kinds: kinds, quality: quality) { return (hit, nil, digest, true) }
        let image: PixelImage
        if let fast = PNGFastDecoder.decode(data) {
            image = fast
        } else {
            do { image = try ImageCodec.decode(data).image } catch { return (nil, error.description, nil, false) }
        }
        return (ImageAnalyzer.measure(image, hashKinds: kinds, qualityChecks: quality), nil, digest, false)
    }

    /// `root/name` when `name` is a plain file name whose entry is not a
    /// symbolic link (one `lstat`): then it cannot leave the root, and the full
    /// ``ConfinedPath`` walk (a `realpath` per image) is not needed.
    static func plainChild(_ name: String, of root: URL) -> URL? {
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { return nil }
        let url = root.appendingPathComponent(name)
        var st = stat()
        guard lstat(url.path, &st) == 0, (st.st_mode & S_IFMT) != S_IFLNK else { return nil }
        return url
    }

    func buildReport(folder: URL, items: [AuditItem], document: DatasetDocument?, duplicates: DuplicateAnalysis,
                     cached: Int) -> AuditReport {
        let perImage = QualityChecks.findings(items: items, thresholds: options.thresholds, enabled: options.issues)
        let names = { (g: [Int]) in g.map { items[$0].file } }
        let exact = options.issues.contains(.exactDuplicates) ? duplicates.exactGroups.map(names) : []
        let near = options.issues.contains(.nearDuplicates) ? duplicates.nearGroups.map(names) : []
        let pairs = options.issues.contains(.nearDuplicates) ? duplicates.nearPairs.map {
            AuditReport.PairEntry(a: items[$0.a].file, b: items[$0.b].file, distance: $0.distance, combined: $0.combined,
                                  score: $0.score)
        } : []
        var counts: [String: Int] = [:]
        for issue in AuditIssue.allCases where options.issues.contains(issue) {
            switch issue {
            case .exactDuplicates: counts[issue.rawValue] = exact.reduce(0) { $0 + $1.count }
            case .nearDuplicates: counts[issue.rawValue] = near.reduce(0) { $0 + $1.count }
            default: counts[issue.rawValue] = perImage[issue]?.count ?? 0
            }
        }
        var findings: [String: [AuditFinding]] = [:]
        for (k, v) in perImage { findings[k.rawValue] = v }
        return AuditReport(dataset: folder.path, kind: document == nil ? "folder" : "dataset", images: items.count,
                           readable: items.filter { $0.measures != nil }.count,
                           families: Set(items.map(\.family)).count, cached: cached, rule: options.rule,
                           thresholds: options.thresholds, counts: counts, exactDuplicates: exact, nearDuplicates: near,
                           nearDuplicatePairs: pairs, findings: findings, quarantine: nil, order: nil)
    }
}
