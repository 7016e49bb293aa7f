import DmanCore
import Foundation

/// Training images decoded once into a Float cache, and their order per epoch.
///
/// Each image is stored as planar RGB `[3, S, S]` scaled to [−1, 1]
/// (`v / 127.5 − 1`, carpedm20's scaling); alpha is composited onto white.
/// With a `dataset.json` whose `order` lists record ids (the audit's balanced
/// order), every epoch uses those ids in that order cut into batches, and the
/// batches themselves are permuted per epoch with a seeded RNG (so each
/// minibatch keeps its balance); otherwise every epoch is a seeded shuffle of
/// all images. The last partial batch of an epoch is dropped, as carpedm20 does.
///
///     let data = try TrainingSet.load(folder: url, pattern: "*.png", imageSize: 64)
public final class TrainingSet: @unchecked Sendable {
    /// Side of every cached image.
    public let imageSize: Int
    /// File of each image (relative to the folder), in cache order.
    public let files: [String]
    /// Cache order of the balanced epoch order, when the dataset has one.
    public let fixedOrder: [Int]?
    private let pixels: [Float]

    /// Number of cached images.
    public var count: Int { files.count }

    /// Wraps already decoded images (they must be `imageSize` square unless `resize`).
    public init(images: [PixelImage], names: [String], imageSize: Int, resize: Bool = false,
                fixedOrder: [Int]? = nil) throws(GANError) {
        precondition(images.count == names.count)
        self.imageSize = imageSize
        files = names
        self.fixedOrder = fixedOrder
        let plane = 3 * imageSize * imageSize
        var buffer = [Float](repeating: 0, count: images.count * plane)
        for (i, img) in images.enumerated() {
            let fitted: PixelImage
            if img.width == imageSize && img.height == imageSize {
                fitted = img.flattened(onto: .white)
            } else if resize {
                fitted = Resampler.centreSquare(img, side: imageSize)
            } else {
                throw .sizeMismatch(file: names[i], width: img.width, height: img.height, expected: imageSize)
            }
            let area = imageSize * imageSize
            fitted.pixels.withUnsafeBufferPointer { src in
                for p in 0..<area {
                    for c in 0..<3 { buffer[i * plane + c * area + p] = Float(src[p * 3 + c]) / 127.5 - 1 }
                }
            }
        }
        pixels = buffer
    }

    /// Loads a dataset folder (`dataset.json`) or a plain folder of pictures.
    ///
    /// - Parameters:
    ///   - folder: the folder; if it holds `dataset.json` its records are used
    ///     (and its `order`, when present), else every picture in it.
    ///   - pattern: shell pattern for a plain folder (`*.png`); ignored with `dataset.json`.
    ///   - imageSize: the training size.
    ///   - resize: centre-crop to a square and resample images of another size
    ///     instead of refusing them.
    public static func load(folder: URL, pattern: String? = nil, imageSize: Int, resize: Bool = false) throws(GANError) -> TrainingSet {
        let ds = DatasetFolder(folder)
        var names: [String]
        var order: [Int]? = nil
        if ds.hasDocument {
            let doc: DatasetDocument
            do { doc = try ds.load() } catch { throw .dataset(error.description) }
            names = doc.records.map(\.file)
            if let ids = doc.order?.ids, !ids.isEmpty {
                var index: [String: Int] = [:]
                for (i, r) in doc.records.enumerated() { index[r.id] = i }
                var o: [Int] = []
                for id in ids {
                    guard let i = index[id] else {
                        throw .dataset("\(ds.documentURL.path): order.ids names \(id), which is not a record")
                    }
                    o.append(i)
                }
                order = o
            }
        } else {
            do { names = try DatasetFolder.listImages(in: ds.url, pattern: pattern) } catch { throw .dataset(error.description) }
        }
        guard !names.isEmpty else { throw .noImages(folder: ds.url.path, pattern: ds.hasDocument ? nil : pattern) }
        let base = ds.url
        let decoded = Parallel.map(names) { name -> Result<PixelImage, GANError> in
            let url = base.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else {
                return .failure(.unreadableImage(file: url.path, reason: "cannot open file"))
            }
            do { return .success(try ImageCodec.decode(data).image) } catch {
                return .failure(.unreadableImage(file: url.path, reason: "\(error)"))
            }
        }
        var images: [PixelImage] = []
        images.reserveCapacity(names.count)
        for r in decoded {
            switch r {
            case .success(let img): images.append(img)
            case .failure(let e): throw e
            }
        }
        return try TrainingSet(images: images, names: names.map { base.appendingPathComponent($0).path },
                               imageSize: imageSize, resize: resize, fixedOrder: order)
    }

    /// File and size of the first image `load(folder:pattern:…)` would read
    /// (for choosing the training size from the data).
    public static func firstImageSize(folder: URL, pattern: String? = nil) throws(GANError) -> (file: String, width: Int, height: Int) {
        let ds = DatasetFolder(folder)
        let names: [String]
        if ds.hasDocument {
            do { names = try ds.load().records.map(\.file) } catch { throw .dataset(error.description) }
        } else {
            do { names = try DatasetFolder.listImages(in: ds.url, pattern: pattern) } catch { throw .dataset(error.description) }
        }
        guard let first = names.first else { throw .noImages(folder: ds.url.path, pattern: ds.hasDocument ? nil : pattern) }
        let url = ds.url.appendingPathComponent(first)
        guard let data = try? Data(contentsOf: url) else { throw .unreadableImage(file: url.path, reason: "cannot open file") }
        do {
            let image = try ImageCodec.decode(data).image
            return (url.path, image.width, image.height)
        } catch { throw .unreadableImage(file: url.path, reason: "\(error)") }
    }

    /// Full batches per epoch.
    public func batchesPerEpoch(batchSize: Int) -> Int {
        (fixedOrder?.count ?? count) / batchSize
    }

    /// Image indices of epoch `epoch` (deterministic in `seed` and `epoch`).
    public func epochOrder(_ epoch: Int, batchSize: Int, seed: UInt64) -> [Int] {
        var rng = SplitMix64.derived(seed: seed, item: "epoch-\(epoch)", stage: "gan-data-order")
        if let fixed = fixedOrder {
            var batches = (0..<(fixed.count / batchSize)).map { Array(fixed[($0 * batchSize)..<(($0 + 1) * batchSize)]) }
            batches.shuffle(using: &rng)
            return batches.flatMap { $0 }
        }
        var order = Array(0..<count)
        order.shuffle(using: &rng)
        return order
    }

    /// Cached image `index` as 8-bit RGB (what training sees, alpha already on white).
    public func image(at index: Int) -> PixelImage {
        let area = imageSize * imageSize, base = index * 3 * area
        var px = [UInt8](repeating: 0, count: area * 3)
        for p in 0..<area { for c in 0..<3 { px[p * 3 + c] = SampleGrid.quantize(pixels[base + c * area + p]) } }
        return PixelImage(width: imageSize, height: imageSize, channels: 3, pixels: px)
    }

    /// `count` cached images (all when fewer) in a seeded shuffle, for evaluation.
    public func sampleImages(count: Int, seed: UInt64) -> [PixelImage] {
        var rng = SplitMix64.derived(seed: seed, item: "real-sample", stage: "gan-eval")
        var order = Array(0..<self.count)
        order.shuffle(using: &rng)
        return order.prefix(count).map(image(at:))
    }

    /// Copies images `indices` into `batch` as channel-major `[3, N, S, S]`.
    public func fill(_ batch: Tensor, indices: ArraySlice<Int>) {
        let n = indices.count, area = imageSize * imageSize
        batch.resize([3, n, imageSize, imageSize])
        pixels.withUnsafeBufferPointer { src in
            for (b, idx) in indices.enumerated() {
                for c in 0..<3 {
                    (batch.data + (c * n + b) * area).update(from: src.baseAddress! + idx * 3 * area + c * area, count: area)
                }
            }
        }
    }
}
