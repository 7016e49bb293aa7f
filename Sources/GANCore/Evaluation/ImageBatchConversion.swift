import DmanCore

/// Conversions between Float32 NCHW batches in [-1, 1] (the trainer's layout)
/// and 8-bit ``PixelImage``s (what the evaluation functions take).
///
///     let fakes = ImageBatchConversion.pixelImages(from: gOutput, shape: shape)
///     let report = ModeCount.report(fake: fakes, real: reals, threshold: 10, hash: pHash)
public enum ImageBatchConversion {
    /// One RGB image per batch entry: `round((x + 1) · 127.5)` clamped to 0…255.
    /// One channel is repeated to grey; channels beyond 3 are ignored.
    public static func pixelImages(from batch: UnsafeBufferPointer<Float>, shape: ImageBatchShape) -> [PixelImage] {
        precondition(batch.count == shape.count, "batch holds \(batch.count) values, shape needs \(shape.count)")
        let plane = shape.h * shape.w
        return (0..<shape.n).map { b in
            var pixels = [UInt8](repeating: 0, count: plane * 3)
            for c in 0..<3 {
                let src = (b * shape.c + min(c, shape.c - 1)) * plane
                for i in 0..<plane {
                    let v = ((batch[src + i] + 1) * 127.5).rounded()
                    pixels[i * 3 + c] = UInt8(min(max(v, 0), 255))
                }
            }
            return PixelImage(width: shape.w, height: shape.h, channels: 3, pixels: pixels)
        }
    }

    /// ``pixelImages(from:shape:)`` on an array.
    public static func pixelImages(from batch: [Float], shape: ImageBatchShape) -> [PixelImage] {
        batch.withUnsafeBufferPointer { pixelImages(from: $0, shape: shape) }
    }

    /// Packs equal-size images into an RGB NCHW batch in [-1, 1] (`v / 127.5 − 1`,
    /// alpha flattened onto black).
    public static func batch(from images: [PixelImage]) -> (values: [Float], shape: ImageBatchShape) {
        precondition(!images.isEmpty)
        let (w, h) = (images[0].width, images[0].height)
        let shape = ImageBatchShape(n: images.count, c: 3, h: h, w: w)
        var out = [Float](repeating: 0, count: shape.count)
        for (b, image) in images.enumerated() {
            precondition(image.width == w && image.height == h, "all images must be \(w)x\(h)")
            let rgb = image.flattened(onto: .black)
            for i in 0..<(w * h) {
                for c in 0..<3 { out[(b * 3 + c) * w * h + i] = Float(rgb.pixels[i * 3 + c]) / 127.5 - 1 }
            }
        }
        return (out, shape)
    }
}
