import DmanCore
import Foundation

/// Writing images from a trained generator (`dman generate`).
public enum ImageGeneration {
    /// What ``generate(checkpoint:count:seed:outputFolder:threads:)`` wrote.
    public struct Output: Sendable {
        /// `image-0001.png` … in generation order.
        public var images: [URL]
        /// `grid.png`: all images tiled.
        public var grid: URL
        /// `generated.safetensors`: `z` `[count, zDim]` and `images` `[count, 3, S, S]`
        /// (Float32 in [−1, 1], NCHW) for checks against other implementations.
        public var tensors: URL
        /// The checkpoint used.
        public var checkpoint: URL
    }

    /// Generates `count` images from a checkpoint file, or from the newest
    /// checkpoint of a run folder, with z drawn from `seed` (in inference
    /// mode: BatchNorm uses running statistics).
    public static func generate(checkpoint: URL, count: Int, seed: UInt64, outputFolder: URL,
                                threads: Int? = nil) throws(GANError) -> Output {
        guard count > 0 else { throw .invalidValue(field: "count", value: String(count), rule: "must be positive") }
        var file = checkpoint
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: checkpoint.path, isDirectory: &isDir), isDir.boolValue {
            guard let latest = RunFolder(checkpoint).latestCheckpoint else {
                throw .checkpoint(file: checkpoint.path, reason: "run folder has no checkpoints/step-*.safetensors")
            }
            file = latest
        }
        Compute.setThreads(threads ?? Parallelism.defaultThreads)
        let generator = try loadedGenerator(file)
        let config = generator.config
        let z = Tensor(shape: [count, config.zDim])
        var rng = SplitMix64.derived(seed: seed, item: "generate", stage: "gan-z")
        Initialization.fillLatent(z, distribution: config.zDistribution, rng: &rng)
        let images = generator.generate(z)
        do { try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true) } catch {
            throw .write(file: outputFolder.path, reason: (error as NSError).localizedDescription)
        }
        let run = RunFolder(outputFolder)
        var urls: [URL] = []
        for i in 0..<count {
            let url = outputFolder.appendingPathComponent(String(format: "image-%04d.png", i + 1))
            try run.writePNG(SampleGrid.image(images, index: i), to: url)
            urls.append(url)
        }
        let grid = outputFolder.appendingPathComponent("grid.png")
        try run.writePNG(SampleGrid.grid(images), to: grid)
        // NCHW copy of the images for external comparison.
        let s = config.imageSize, area = s * s
        let nchw = Tensor(shape: [count, 3, s, s])
        for c in 0..<3 { for b in 0..<count { (nchw.data + (b * 3 + c) * area).update(from: images.data + (c * count + b) * area, count: area) } }
        var st = SafeTensors()
        st.add("z", shape: z.shape, floats: z.data, count: z.count)
        st.add("images", shape: nchw.shape, floats: nchw.data, count: nchw.count)
        st.metadata = ["checkpoint": file.path, "seed": String(seed)]
        let tensors = outputFolder.appendingPathComponent("generated.safetensors")
        try run.write(st.encoded(), to: tensors)
        return Output(images: urls, grid: grid, tensors: tensors, checkpoint: file)
    }

    /// A generator built from the configuration of the checkpoint at `url`
    /// and loaded from it, reading the file once (a fewshot checkpoint also
    /// holds D, Adam and EMA state: 134 MB at 64 px) and releasing it after.
    static func loadedGenerator(_ url: URL) throws(GANError) -> DCGANGenerator {
        let saved = try Checkpoint.read(url)
        let generator = DCGANGenerator(config: try Checkpoint.config(of: saved, file: url), workspace: Workspace())
        try loadGenerator(saved, file: url, into: generator)
        return generator
    }

    /// Loads only the generator's tensors of a checkpoint; with `preferEMA`
    /// (the default) its parameters and BatchNorm statistics come from the
    /// EMA copies when the checkpoint holds them (`--ema`).
    public static func loadGenerator(_ url: URL, into generator: DCGANGenerator, preferEMA: Bool = true) throws(GANError) {
        try loadGenerator(Checkpoint.read(url), file: url, into: generator, preferEMA: preferEMA)
    }

    /// ``loadGenerator(_:into:preferEMA:)`` from an already read checkpoint `st` (read from `url`).
    static func loadGenerator(_ st: SafeTensors, file url: URL, into generator: DCGANGenerator,
                              preferEMA: Bool = true) throws(GANError) {
        do {
            for (name, t) in generator.network.stateTensors {
                if name.hasSuffix("num_batches_tracked") {
                    t[0] = Float(try st.int64s(name).first ?? 0)
                } else {
                    let v = try st.floats(name, shape: t.shape)
                    v.withUnsafeBufferPointer { t.data.update(from: $0.baseAddress!, count: t.count) }
                }
            }
            let params = generator.network.parameters
            if preferEMA, params.allSatisfy({ st.entries[Checkpoint.emaPrefix + $0.name] != nil }) {
                // Checkpoints written before the EMA statistics existed have only
                // the averaged parameters; they keep the live statistics.
                let statistics = generator.network.layers.flatMap(\.buffers).filter {
                    !$0.name.hasSuffix("num_batches_tracked") && st.entries[Checkpoint.emaPrefix + $0.name] != nil
                }
                for (name, value) in params.map({ ($0.name, $0.value) }) + statistics {
                    let v = try st.floats(Checkpoint.emaPrefix + name, shape: value.shape)
                    v.withUnsafeBufferPointer { value.data.update(from: $0.baseAddress!, count: value.count) }
                }
            }
        } catch { throw .checkpoint(file: url.path, reason: error.description) }
    }
}
