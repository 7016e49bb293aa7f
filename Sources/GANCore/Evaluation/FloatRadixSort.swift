/// Ascending LSD radix sort of Float32 values (three 11-bit passes over
/// order-preserving integer keys): O(n), several times faster than the
/// standard library's comparison sort on the SWD projection columns.
package enum FloatRadixSort {
    /// Sorts `values[0..<n]` in place; `scratch` must hold `2n` UInt32.
    /// NaNs are not expected (they sort after +∞ or before −∞ by sign bit).
    package static func sort(_ values: UnsafeMutablePointer<Float>, count n: Int, scratch: UnsafeMutablePointer<UInt32>) {
        var src = scratch, dst = scratch + n
        for i in 0..<n {
            let b = values[i].bitPattern
            src[i] = b & 0x8000_0000 != 0 ? ~b : b | 0x8000_0000  // order-preserving key
        }
        var counts = [Int](repeating: 0, count: 2048)
        for shift in stride(from: 0, to: 33, by: 11) {
            counts.withUnsafeMutableBufferPointer { c in
                c.update(repeating: 0)
                for i in 0..<n { c[Int((src[i] >> UInt32(shift)) & 0x7FF)] += 1 }
                var total = 0
                for d in 0..<2048 { let k = c[d]; c[d] = total; total += k }
                for i in 0..<n {
                    let d = Int((src[i] >> UInt32(shift)) & 0x7FF)
                    dst[c[d]] = src[i]
                    c[d] += 1
                }
            }
            swap(&src, &dst)
        }
        for i in 0..<n {
            let k = src[i]
            values[i] = Float(bitPattern: k & 0x8000_0000 != 0 ? k & 0x7FFF_FFFF : ~k)
        }
    }
}
