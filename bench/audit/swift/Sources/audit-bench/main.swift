// audit-bench: timings for bench/audit/speed.sh, printed as one JSON object.
//   audit-bench decode DIR JOBS     read + decode every PNG (decode-only rate)
//   audit-bench hash DIR JOBS       Auditor, duplicate checks only, no cache (end to end)
//   audit-bench pairs N RADIUS JOBS random 64-bit hashes: multi-index vs brute force
//   audit-bench cutover RADIUS JOBS brute force vs multi-index for growing N
import DatasetAudit
import DmanCore
import Foundation

func now() -> Double { Date().timeIntervalSinceReferenceDate }
/// User + system CPU seconds of this process (all threads).
func cpu() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}
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

/// open/fstat/read, as DatasetAudit's FileBytes does.
enum FileHandleProbe {
    static func read(_ url: URL) -> Data {
        let fd = open(url.path, O_RDONLY)
        defer { close(fd) }
        var st = stat()
        fstat(fd, &st)
        var buf = Data(count: Int(st.st_size))
        _ = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
        return buf
    }
}

/// What the audit computes per image for the default rule (thumbnail, pHash, dHash, pixel digest).
enum ImageAnalyzerProbe {
    static func hashes(_ image: PixelImage) -> (UInt64, UInt64, String) {
        let g = Thumbnail.gray32(image)
        let digest = image.pixels.withUnsafeBytes { ContentDigest.hex($0) }
        return (PerceptualHash.phash(gray32: g), PerceptualHash.dhash(gray32: g), digest)
    }
}

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
case "decodecmp":
    // Single thread, interleaved per file: libpng fast path vs MagickWand, and
    // the stages of the hashing pipeline, so load changes hit all alike.
    let dir = URL(fileURLWithPath: args[2])
    let files = try! FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }.sorted().prefix(2000)
    var tPosix = 0.0, tRead = 0.0, tPNG = 0.0, tMagick = 0.0, tMeasure = 0.0, tThumb = 0.0, tP = 0.0, tD = 0.0, tDig = 0.0
    for f in files {
        var t = now()
        let data = try! Data(contentsOf: dir.appendingPathComponent(f))
        tRead += now() - t
        t = now(); let raw = FileHandleProbe.read(dir.appendingPathComponent(f)); tPosix += now() - t
        blackHole(raw)
        t = now(); let a = PNGFastDecoder.decode(data)!; tPNG += now() - t
        t = now(); let b = try! ImageCodec.decode(data).image; tMagick += now() - t
        t = now(); let m = ImageAnalyzerProbe.hashes(a); tMeasure += now() - t
        t = now(); let g = Thumbnail.gray32(a); tThumb += now() - t
        t = now(); let ph = PerceptualHash.phash(gray32: g); tP += now() - t
        t = now(); let dh = PerceptualHash.dhash(gray32: g); tD += now() - t
        t = now(); let dg = a.pixels.withUnsafeBytes { ContentDigest.hex($0) }; tDig += now() - t
        blackHole((a, b, m, ph, dh, dg))
    }
    let n = Double(files.count)
    emit(["files": files.count, "read_us": tRead / n * 1e6, "libpng_us": tPNG / n * 1e6, "magickwand_us": tMagick / n * 1e6,
          "posix_read_us": tPosix / n * 1e6, "hash_us": tMeasure / n * 1e6, "thumb_us": tThumb / n * 1e6, "phash_us": tP / n * 1e6, "dhash_us": tD / n * 1e6,
          "digest_us": tDig / n * 1e6])
case "hash":
    // Decode-only and end-to-end (Auditor, duplicate checks, no cache),
    // alternated ROUNDS times in one process; wall and CPU seconds of each.
    let dir = URL(fileURLWithPath: args[2]), jobs = Int(args[3])!
    let rounds = args.count > 4 ? Int(args[4])! : 3
    let files = try! FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }.sorted()
    var o = Auditor.Options()
    o.issues = [.exactDuplicates, .nearDuplicates]
    o.useCache = false
    o.jobs = jobs
    var decode: [[String: Double]] = [], endToEnd: [[String: Double]] = []
    var groups = 0
    for _ in 0..<rounds {
        var t = now(), c = cpu()
        let sizes = Parallel.map(files, jobs: jobs) { f -> Int in
            let data = FileHandleProbe.read(dir.appendingPathComponent(f))  // the read the Auditor uses
            return (PNGFastDecoder.decode(data) ?? (try! ImageCodec.decode(data).image)).area
        }
        blackHole(sizes)
        decode.append(["wall": now() - t, "cpu": cpu() - c])
        t = now(); c = cpu()
        let r = try! Auditor(options: o).audit(folder: dir)
        endToEnd.append(["wall": now() - t, "cpu": cpu() - c])
        groups = r.report.nearDuplicates.count
    }
    emit(["files": files.count, "jobs": jobs, "decode": decode, "end_to_end": endToEnd, "near_groups": groups])
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
case "pairsreal":
    // pHashes of a folder (from `dman audit`'s cache file): brute force vs index.
    let cache = try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: args[2]))) as! [String: Any]
    let entries = cache["entries"] as! [String: [String: Any]]
    let hashes = entries.keys.sorted().map { k -> UInt64 in
        let m = entries[k]!["measures"] as! [String: Any]
        return UInt64((m["hashes"] as! [String: String])["phash"]!, radix: 16)!
    }
    let radius = Int(args[3])!, jobs = Int(args[4])!
    let index = NearDuplicateIndex(hashes: hashes)
    let tb = now(); let b = index.bruteForcePairs(within: radius, jobs: jobs); let db = now() - tb
    let chunks = NearDuplicateIndex.chunkCount(n: hashes.count, radius: radius)
    let tm = now(); let m = index.multiIndexPairs(within: radius, chunks: chunks, jobs: jobs); let dm = now() - tm
    emit(["n": hashes.count, "pairs": b.count, "brute_seconds": db, "multi_index_seconds": dm, "chunks": chunks, "agree": b == m])
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
