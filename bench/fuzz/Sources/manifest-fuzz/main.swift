import Crop
import DmanCore
import Foundation

// Seeded random-mutation fuzzing of the manifest parsers and the dataset.json
// reader. Usage:
//
//     manifest-fuzz TARGET ITERATIONS SEED CORPUS_DIR CRASH_DIR [START]
//
// TARGET is native, coco, voc, yolo, createml, labelstudio or dataset.
// Each iteration mutates a seed file from CORPUS_DIR/TARGET with a stream
// derived from (SEED, iteration), parses it, and for manifests resolves and
// plans every box against a 40×30 picture. A trap (crash) writes the input
// to CRASH_DIR/TARGET-SEED-ITERATION.bin from a signal handler and exits 99;
// run.sh then resumes at the next iteration. Prints `TARGET ITERATIONS done`.

let args = CommandLine.arguments
guard args.count >= 6, let iterations = Int(args[2]), let seed = UInt64(args[3]) else {
    FileHandle.standardError.write(Data("usage: manifest-fuzz TARGET ITERATIONS SEED CORPUS_DIR CRASH_DIR [START]\n".utf8))
    exit(64)
}
let target = args[1]
let corpusDir = URL(fileURLWithPath: args[4]).appendingPathComponent(target)
let crashDir = URL(fileURLWithPath: args[5])
let start = args.count > 6 ? Int(args[6]) ?? 0 : 0

let seeds: [[UInt8]] = ((try? FileManager.default.contentsOfDirectory(atPath: corpusDir.path)) ?? [])
    .sorted().compactMap { try? [UInt8](Data(contentsOf: corpusDir.appendingPathComponent($0))) }
guard !seeds.isEmpty else { print("no seed files in \(corpusDir.path)"); exit(1) }

// Scratch folder for the file-based parsers (tmpfs when there is one).
let scratchRoot = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
let scratch = URL(fileURLWithPath: scratchRoot).appendingPathComponent("dman-fuzz-\(target)-\(getpid())")
try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
let ext = ["voc": "xml", "yolo": "txt"][target] ?? "json"
let inputURL = scratch.appendingPathComponent("input.\(ext)")
try? Data("cat\ndog\n".utf8).write(to: scratch.appendingPathComponent("classes.txt"))

// The current input, reachable from the crash handler without allocating.
nonisolated(unsafe) var currentInput = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 20)
nonisolated(unsafe) var currentCount = 0
nonisolated(unsafe) var crashPath = UnsafeMutablePointer<CChar>.allocate(capacity: 4096)

func onCrash(_ sig: Int32) {
    let fd = open(crashPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd >= 0 { _ = write(fd, currentInput, currentCount); close(fd) }
    _exit(99)
}
for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] { signal(sig, onCrash) }

let tokens: [String] = ["-1", "0", "1e300", "-1e300", "1e400", "NaN", "nan", "inf", "-0", "9223372036854775808",
                        "null", "true", "\"\"", "\"../../etc/passwd\"", "\"/etc/passwd\"", "[]", "{}", "[", "{", "\"",
                        ",", ":", "\u{FEFF}", "\r\n", "\\u0000", "\u{00}", "<", ">", "</", "<object>", "&amp;", "]]>"]

func mutate(_ input: [UInt8], rng: inout SplitMix64) -> [UInt8] {
    var b = input
    let rounds = 1 + Int(rng.next() % 4)
    for _ in 0..<rounds {
        let pos = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count + 1))
        switch rng.next() % 7 {
        case 0 where !b.isEmpty: b[min(pos, b.count - 1)] ^= UInt8(1 << (rng.next() % 8))
        case 1: b.insert(UInt8(truncatingIfNeeded: rng.next()), at: pos)
        case 2 where !b.isEmpty:
            let n = min(b.count - min(pos, b.count), 1 + Int(rng.next() % 16)); b.removeSubrange(pos..<pos + n)
        case 3: b.insert(contentsOf: Array(tokens[Int(rng.next() % UInt64(tokens.count))].utf8), at: pos)
        case 4 where !b.isEmpty:
            let from = Int(rng.next() % UInt64(b.count)); let n = min(b.count - from, 1 + Int(rng.next() % 64))
            if b.count + n < 1 << 19 { b.insert(contentsOf: b[from..<from + n], at: pos) }
        case 5: b = Array(b.prefix(pos))
        default:
            // Replace a run of digits with an extreme number.
            if let i = b[min(pos, b.count)...].firstIndex(where: { (0x30...0x39).contains($0) }) {
                var j = i; while j < b.count, (0x30...0x39).contains(b[j]) || b[j] == 0x2E { j += 1 }
                b.replaceSubrange(i..<j, with: Array(tokens[Int(rng.next() % 10)].utf8))
            }
        }
    }
    return Array(b.prefix(1 << 20))
}

func exercise(_ data: Data) {
    if target == "dataset" {
        _ = try? DatasetFolder.decode(data, path: "fuzz/dataset.json")
        return
    }
    try? data.write(to: inputURL)
    guard let format = ManifestFormat(rawValue: target),
          let manifest = try? CropManifest.load(inputURL, format: format) else { return }
    for entry in manifest.parsed.entries {
        _ = entry.picture.display
        for (i, box) in entry.boxes.enumerated() {
            for (w, h) in [(40, 30), (1, 1)] {
                if let px = try? BoxResolver.resolve(box.geometry, width: w, height: h, clip: i % 2 == 0) {
                    _ = SquareCropPlanner().plan(box: px, width: w, height: h)
                    _ = BoxResolver.describe(px)
                }
            }
        }
    }
    for p in manifest.parsed.problems { _ = p.description }
}

var ran = 0
for iteration in start..<iterations {
    var rng = SplitMix64.derived(seed: seed, item: "\(iteration)", stage: target)
    let base = seeds[Int(rng.next() % UInt64(seeds.count))]
    let input = mutate(base, rng: &rng)
    currentCount = input.count
    input.withUnsafeBufferPointer { if let b = $0.baseAddress { currentInput.update(from: b, count: $0.count) } }
    let path = crashDir.appendingPathComponent("\(target)-\(seed)-\(iteration).bin").path
    _ = path.withCString { strncpy(crashPath, $0, 4095) }
    exercise(Data(input))
    ran += 1
}
print("\(target) \(ran) done")
