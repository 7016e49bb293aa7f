import DmanCore
import Foundation

/// What a killed or failed dman run may leave behind, checked by
/// RandomKillTests and FullDiskTests. Each check returns the broken
/// invariants as text (empty when all hold).
enum FaultInvariants {
    /// Visible (not hidden) files under `folder`, relative, sorted; `quarantine/` included.
    static func files(_ folder: URL, ext: String? = nil) -> [String] {
        var out: [String] = []
        let e = FileManager.default.enumerator(atPath: folder.path)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(rel).path, isDirectory: &isDir),
                  !isDir.boolValue, !(rel as NSString).lastPathComponent.hasPrefix(".") else { continue }
            if ext.map({ rel.hasSuffix("." + $0) }) ?? true { out.append(rel) }
        }
        return out.sorted()
    }

    /// SHA-256 → count of the pictures under `folder` (main folder and quarantine).
    static func pictureHashes(_ folder: URL) -> [String: Int] {
        var out: [String: Int] = [:]
        for rel in files(folder, ext: "png") {
            out[(try? Data(contentsOf: folder.appendingPathComponent(rel))).map { SHA256.hex($0) } ?? "unreadable", default: 0] += 1
        }
        return out
    }

    /// No partial PNG under a final name, dataset.json parses (when present),
    /// and, given `pictures`, every one of them exactly once with its bytes.
    static func afterKill(pictures: [String: Int]?) -> (URL) throws -> [String] {
        { folder in
            var broken: [String] = []
            for rel in files(folder, ext: "png") {
                let data = try? Data(contentsOf: folder.appendingPathComponent(rel))
                if data.flatMap({ try? ImageCodec.decode($0) }) == nil { broken.append("\(rel) does not decode") }
            }
            let ds = DatasetFolder(folder)
            if ds.hasDocument {
                do { _ = try ds.load() } catch { broken.append("dataset.json: \(error)") }
            }
            if let pictures {
                let now = pictureHashes(folder)
                if now != pictures {
                    broken.append("pictures: \(pictures.values.reduce(0, +)) before, \(now.values.reduce(0, +)) now, "
                                  + "\(pictures.filter { now[$0.key, default: 0] != $0.value }.count) differ")
                }
            }
            return broken
        }
    }

    /// Files (hidden ones included, but not the lock, whose bytes are a pid)
    /// whose presence or bytes differ between `a` and `b`.
    static func differences(_ a: URL, _ b: URL) -> [String] {
        func all(_ root: URL) -> [String: String] {
            var out: [String: String] = [:]
            let e = FileManager.default.enumerator(atPath: root.path)
            while let rel = e?.nextObject() as? String {
                var isDir: ObjCBool = false
                let url = root.appendingPathComponent(rel)
                guard !rel.hasSuffix(".dman.lock"), FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir),
                      !isDir.boolValue else { continue }
                out[rel] = (try? Data(contentsOf: url)).map { SHA256.hex($0) } ?? "unreadable"
            }
            return out
        }
        let x = all(a), y = all(b)
        return Set(x.keys).union(y.keys).filter { x[$0] != y[$0] }.sorted()
    }

    /// Every checkpoint under `run/checkpoints` is a whole safetensors file.
    static func checkpointsWhole(_ run: URL) throws -> [String] {
        let dir = run.appendingPathComponent("checkpoints")
        return ProcessInterrupter.files(in: dir, ext: "safetensors")
            .filter { !StageInterruptionTests.isWholeSafetensors(dir.appendingPathComponent($0)) }
            .map { "partial checkpoint \($0)" }
    }
}
