// audit-bench: timings for bench/audit/speed.sh, printed as one JSON object.
//   audit-bench decode DIR JOBS     read + decode every PNG (decode-only rate)
//   audit-bench hash DIR JOBS       Auditor, duplicate checks only, no cache (end to end)
//   audit-bench pairs N RADIUS JOBS random 64-bit hashes: multi-index vs brute force
//   audit-bench cutover RADIUS JOBS brute force vs multi-index for growing N
import DatasetAudit
import DmanCore
import Foundation

func now() -> Double { Date().timeIntervalSinceReferenceDate }
func peakRSSMB() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_maxrss) / 1024
}
func emit(_ d: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: d, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}
func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }

let args = CommandLine.arguments
switch args.count > 1 ? args[1] : "" {
case "decode":
    let dir = URL(fileURLWithPath: args[2]), jobs = Int(args[3])!
    let files = try! FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }.sorted()
    let t = now()
    let sizes = Parallel.map(files, jobs: jobs) { f -> Int in
        let data = try! Data(contentsOf: dir.appendingPathComponent(f))
        let img = PNGFastDecoder.decode(data) ?? (try! ImageCodec.decode(data).image)
        return img.area
    }
    let dt = now() - t
    blackHole(sizes)
    let tm = now()
    let magick = Parallel.map(Array(files.prefix(2000)), jobs: jobs) { f -> Int in
        (try! ImageCodec.decode(Data(contentsOf: dir.appendingPathComponent(f)))).image.area
    }
    let dtm = now() - tm
    blackHole(magick)
    emit(["files": files.count, "seconds": dt, "per_second": Double(files.count) / dt,
          "magickwand_per_second": Double(min(2000, files.count)) / dtm])
case "hash":
    let dir = URL(fileURLWithPath: args[2]), jobs = Int(args[3])!
    var o = Auditor.Options()
    o.issues = [.exactDuplicates, .nearDuplicates]
    o.useCache = false
    o.jobs = jobs
    let t = now()
    let r = try! Auditor(options: o).audit(folder: dir)
    let dt = now() - t
    emit(["files": r.items.count, "seconds": dt, "per_second": Double(r.items.count) / dt,
          "near_groups": r.report.nearDuplicates.count, "exact_groups": r.report.exactDuplicates.count])
case "pairs":
    let n = Int(args[2])!, radius = Int(args[3])!, jobs = Int(args[4])!
    var rng = SplitMix64(seed: 42)
    let hashes = (0..<n).map { _ in rng.next() }
    let index = NearDuplicateIndex(hashes: hashes)
    let t = now()
    let pairs = index.pairs(within: radius, jobs: jobs)
    let dt = now() - t
    var out: [String: Any] = ["n": n, "radius": radius, "seconds": dt, "pairs": pairs.count,
                              "peak_rss_mb": peakRSSMB(), "method": n < NearDuplicateIndex.bruteForceCutover ? "brute force" : "multi-index"]
    if n <= 50_000 {
        let tb = now()
        let brute = index.bruteForcePairs(within: radius, jobs: jobs)
        out["brute_seconds"] = now() - tb
        out["brute_pairs_per_second"] = Double(n) * Double(n - 1) / 2 / (now() - tb)
        out["same_as_brute"] = brute == pairs
    }
    emit(out)
case "cutover":
    let radius = Int(args[2])!, jobs = Int(args[3])!
    var rows: [[String: Any]] = []
    for n in [2_000, 5_000, 10_000, 20_000, 40_000, 80_000] {
        var rng = SplitMix64(seed: UInt64(n))
        let index = NearDuplicateIndex(hashes: (0..<n).map { _ in rng.next() })
        let tb = now(); let b = index.bruteForcePairs(within: radius, jobs: jobs); let db = now() - tb
        let chunks = NearDuplicateIndex.chunkCount(n: n, radius: radius)
        let tm = now(); let mi = index.multiIndexPairs(within: radius, chunks: chunks, jobs: jobs); let dm = now() - tm
        rows.append(["n": n, "brute_seconds": db, "multi_index_seconds": dm, "chunks": chunks, "agree": b == mi])
    }
    emit(["radius": radius, "rows": rows])
default:
    FileHandle.standardError.write(Data("usage: audit-bench decode|hash DIR JOBS | pairs N RADIUS JOBS | cutover RADIUS JOBS\n".utf8))
    exit(64)
}
