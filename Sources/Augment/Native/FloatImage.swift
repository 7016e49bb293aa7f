import DmanCore
import Foundation

/// An RGB picture held as one `SIMD4<Float>` per pixel (R, G, B, unused) on
/// the 0…255 scale while native kernels run: one vector multiply-add per
/// filter tap, and a chain of steps rounds once, at the end (as
/// ImageMagick's 16-bit quantum does).
struct FloatImage {
    var width: Int
    var height: Int
    /// `width * height` pixels, row-major.
    var pixels: [SIMD4<Float>]

    /// A zeroed picture, its storage taken from ``BufferPool`` when one fits.
    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = BufferPool.shared.take(width * height)
    }

    /// Hands the storage back for the next picture (call when done with `self`).
    consuming func recycle() { BufferPool.shared.give(pixels) }

    init(_ image: PixelImage) {
        precondition(image.channels == 3, "native kernels handle RGB only")
        width = image.width
        height = image.height
        pixels = BufferPool.shared.take(image.area)
        image.pixels.withUnsafeBufferPointer { src in
            pixels.withUnsafeMutableBufferPointer { dst in
                for i in 0..<dst.count {
                    dst[i] = SIMD4(Float(src[3 * i]), Float(src[3 * i + 1]), Float(src[3 * i + 2]), 0)
                }
            }
        }
    }

    /// Quantises as ImageMagick's Q16 pipeline and PNG writer do: round to
    /// 16 bits (`ClampToQuantum`), then drop the low byte's share (q / 257,
    /// truncating), which is what `convert … out.png` stores.
    func pixelImage() -> PixelImage {
        var out = PixelImage(width: width, height: height, channels: 3)
        pixels.withUnsafeBufferPointer { src in
            out.pixels.withUnsafeMutableBufferPointer { dst in
                for i in 0..<src.count {
                    // Values are ≥ 0 after clamping, so adding ½ and truncating rounds half up.
                    let v = clamp255(src[i]) * 257 + 0.5
                    dst[3 * i] = UInt8(Int(v[0]) / 257)
                    dst[3 * i + 1] = UInt8(Int(v[1]) / 257)
                    dst[3 * i + 2] = UInt8(Int(v[2]) / 257)
                }
            }
        }
        return out
    }
}

/// Each lane clamped to 0…255 (written out: the generic SIMD `clamped` is not inlined).
@inline(__always)
func clamp255(_ v: SIMD4<Float>) -> SIMD4<Float> {
    SIMD4(min(max(v[0], 0), 255), min(max(v[1], 0), 255), min(max(v[2], 0), 255), 0)
}

/// `floor` for values in Int's range, without a libm call.
@inline(__always)
func floorInt(_ x: Double) -> Int {
    let i = Int(x)
    return Double(i) > x ? i - 1 : i
}

/// How a kernel reads pixels outside the picture (ImageMagick's virtual pixels).
enum Outside {
    case edge, mirror

    /// The in-range index standing for `i` on an axis of length `n`.
    @inline(__always)
    func index(_ i: Int, _ n: Int) -> Int {
        if i >= 0 && i < n { return i }
        switch self {
        case .edge: return i < 0 ? 0 : n - 1
        case .mirror:
            // Reflect with the edge repeated: … 1 0 | 0 1 … n-1 | n-1 n-2 …
            let period = 2 * n
            var m = i % period
            if m < 0 { m += period }
            return m < n ? m : period - 1 - m
        }
    }
}

/// Reuses pixel buffers between steps and outputs.
///
/// A 128 px picture is 256 KB of `SIMD4<Float>`, above glibc's mmap
/// threshold: without reuse every buffer was a fresh `mmap`, and `perf stat`
/// counted 166 k page faults and 40 % kernel time for 3180 outputs.
final class BufferPool: @unchecked Sendable {
    static let shared = BufferPool()
    private var free: [[SIMD4<Float>]] = []
    private let lock = NSLock()

    /// A zeroed buffer of `count` pixels.
    func take(_ count: Int) -> [SIMD4<Float>] {
        lock.lock()
        let i = free.firstIndex { $0.capacity >= count }
        let buffer = i.map { free.remove(at: $0) }
        lock.unlock()
        guard var buffer else { return [SIMD4<Float>](repeating: .zero, count: count) }
        // Zeroed in place: `append(contentsOf: repeatElement(…))` was 5 % of augment's CPU.
        if buffer.count > count { buffer.removeLast(buffer.count - count) }
        buffer.withUnsafeMutableBufferPointer { $0.update(repeating: .zero) }
        if buffer.count < count { buffer += [SIMD4<Float>](repeating: .zero, count: count - buffer.count) }
        return buffer
    }

    func give(_ buffer: [SIMD4<Float>]) {
        lock.lock()
        if free.count < 32 { free.append(buffer) }
        lock.unlock()
    }
}
