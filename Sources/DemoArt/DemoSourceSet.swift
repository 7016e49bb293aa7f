import DmanCore
import Foundation

/// Generates the demo's source pictures: procedural mascots on varied,
/// never-black backgrounds, in pictures of varied aspect ratio, some touching
/// the picture's edge, some collected twice (near-duplicates), plus their
/// box manifest. Seeded: the same seed writes the same bytes.
public struct DemoSourceSet: Sendable {
    /// Pictures to draw.
    public var count = 60
    /// Seed of every draw: the same seed writes the same bytes.
    public var seed: UInt64 = 1
    /// Fraction of pictures that are a slightly altered copy of an earlier one.
    public var duplicateFraction = 0.12

    public init(count: Int = 60, seed: UInt64 = 1) { self.count = count; self.seed = seed }

    /// A box in picture pixels (the manifest's `boxes[]`).
    public struct Box: Codable, Sendable, Equatable { public var x: Int; public var y: Int; public var w: Int; public var h: Int; public var label: String }
    /// One picture of the manifest.
    public struct Entry: Codable, Sendable, Equatable { public var file: String; public var width: Int; public var height: Int; public var boxes: [Box] }
    /// `manifest.json`: dman's native crop manifest.
    public struct Manifest: Codable, Sendable, Equatable { public var format = "dman-crop-manifest"; public var version = 1; public var images: [Entry] }

    static let sizes = [(320, 240), (240, 320), (400, 300), (300, 300), (360, 200), (200, 360), (288, 384), (420, 280)]

    /// Writes the pictures and `manifest.json` into `folder`; returns the manifest URL.
    public func write(to folder: URL, jobs: Int = Parallel.defaultJobs) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let plans = (0..<count).map { plan(index: $0) }
        let entries = Parallel.map(plans, jobs: jobs) { plan -> Result<Entry, FileError> in
            let url = folder.appendingPathComponent(plan.file)
            do {
                let image = render(plan)
                try AtomicFile.write(try ImageCodec.pngData(image), to: url)
            } catch let e as FileError { return .failure(e) } catch {
                return .failure(FileError(path: url.path, reason: "\(error)"))
            }
            return .success(Entry(file: plan.file, width: plan.width, height: plan.height, boxes: plan.boxes))
        }
        let manifest = Manifest(images: try entries.map { try $0.get() })
        let url = folder.appendingPathComponent("manifest.json")
        try AtomicFile.write(try DatasetFolder.encoder.encode(manifest), to: url)
        return url
    }

    /// Everything random about one picture, drawn up front from its own stream.
    public struct Plan: Sendable {
        /// `pic_NNN.png`.
        public var file: String
        public var width: Int
        public var height: Int
        /// Seed of the background.
        public var sceneSeed: UInt64
        /// The boxes of the mascots, clipped to the picture.
        public var boxes: [Box]
        /// Where each mascot is drawn (it may cross the picture's edge).
        public var placements: [(x: Double, y: Double, w: Double, h: Double, mascotSeed: UInt64, mirrored: Bool)]
        /// 1, or the small change of a near-duplicate.
        public var brightness: Float
    }

    /// The plan of picture `index` (a near-duplicate re-uses an earlier plan).
    public func plan(index: Int) -> Plan {
        var rng = SplitMix64.derived(seed: seed, item: "picture-\(index)", stage: "demo")
        // A near-duplicate re-uses an earlier picture's scene with a tiny change.
        if index > 4 && rng.nextUnitDouble() < duplicateFraction {
            let original = Int(rng.next() % UInt64(index))
            var p = plan(index: original)
            p.file = String(format: "pic_%03d.png", index)
            p.brightness = Float(0.94 + 0.12 * rng.nextUnitDouble())
            let dx = Double(Int(rng.next() % 5) - 2)
            p.placements = p.placements.map { ($0.x + dx, $0.y, $0.w, $0.h, $0.mascotSeed, $0.mirrored) }
            p.boxes = p.placements.map { Self.box(for: $0, width: p.width, height: p.height) }
            return p
        }
        let (w, h) = Self.sizes[Int(rng.next() % UInt64(Self.sizes.count))]
        let characters = rng.nextUnitDouble() < 0.2 ? 2 : 1
        var placements: [(x: Double, y: Double, w: Double, h: Double, mascotSeed: UInt64, mirrored: Bool)] = []
        for c in 0..<characters {
            let side = Double(min(w, h)) * (characters == 2 ? 0.38 : 0.45 + 0.55 * rng.nextUnitDouble())
            let bw = side * (0.7 + 0.25 * rng.nextUnitDouble()), bh = side
            var x: Double, y: Double
            if characters == 2 {
                x = (c == 0 ? 0.05 : 0.5) * Double(w) + rng.nextUnitDouble() * (Double(w) * 0.45 - bw).clamped(0)
            } else {
                x = rng.nextUnitDouble() * (Double(w) - bw)
            }
            y = rng.nextUnitDouble() * (Double(h) - bh)
            // About a third touch or cross an edge, as scraped pictures do.
            if rng.nextUnitDouble() < 0.33 {
                switch rng.next() % 4 {
                case 0: x = -bw * 0.1 * rng.nextUnitDouble()
                case 1: x = Double(w) - bw * (1 - 0.1 * rng.nextUnitDouble())
                case 2: y = Double(h) - bh * (1 - 0.08 * rng.nextUnitDouble())
                default: y = -bh * 0.05 * rng.nextUnitDouble()
                }
            }
            placements.append((x, y, bw, bh, rng.next(), rng.next() % 2 == 0))
        }
        return Plan(file: String(format: "pic_%03d.png", index), width: w, height: h, sceneSeed: rng.next(),
                    boxes: placements.map { Self.box(for: $0, width: w, height: h) }, placements: placements,
                    brightness: 1)
    }

    /// The box of a placement, clipped to the picture, in whole pixels.
    static func box(for p: (x: Double, y: Double, w: Double, h: Double, mascotSeed: UInt64, mirrored: Bool),
                    width: Int, height: Int) -> Box {
        let x0 = max(0, Int(p.x.rounded(.down))), y0 = max(0, Int(p.y.rounded(.down)))
        let x1 = min(width, Int((p.x + p.w).rounded(.up))), y1 = min(height, Int((p.y + p.h).rounded(.up)))
        return Box(x: x0, y: y0, w: x1 - x0, h: y1 - y0, label: "mascot")
    }

    /// Draws a plan.
    public func render(_ plan: Plan) -> PixelImage {
        var canvas = Canvas(width: plan.width, height: plan.height)
        var rng = SplitMix64(seed: plan.sceneSeed)
        DemoBackground(using: &rng).paint(&canvas)
        for p in plan.placements {
            var mrng = SplitMix64(seed: p.mascotSeed)
            Mascot(using: &mrng).draw(on: &canvas, x: p.x, y: p.y, w: p.w, h: p.h, mirrored: p.mirrored)
        }
        if plan.brightness != 1 { canvas.rgb = canvas.rgb.map { $0 * plan.brightness } }
        return canvas.pixelImage()
    }
}

extension Double {
    func clamped(_ low: Double) -> Double { Swift.max(low, self) }
}
