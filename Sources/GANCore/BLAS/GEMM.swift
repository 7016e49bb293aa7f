internal import COpenBLAS
import Foundation

/// Single-precision matrix products through OpenBLAS, and its thread count.
///
/// This and `OpenBLASLibrary.swift` (which opens the library on first use) are
/// the only files of GANCore that see OpenBLAS. All matrices are
/// row-major; `transA`/`transB` use the stored matrix transposed, exactly as
/// `cblas_sgemm` with `CblasRowMajor`.
///
///     // C[m×n] = A[m×k] · B[k×n]
///     GEMM.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: c, ldc: n)
public enum GEMM {
    /// Sets the number of threads OpenBLAS uses for every following product.
    public static func setThreads(_ count: Int) {
        OpenBLASLibrary.shared.setNumThreads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threads: Int { Int(OpenBLASLibrary.shared.getNumThreads()) }

    /// `C = alpha · op(A) · op(B) + beta · C` with `op(A)` m×k and `op(B)` k×n.
    ///
    /// `beta = 1` accumulates into `C` (used to sum gradients over passes).
    public static func multiply(transA: Bool = false, transB: Bool = false,
                                m: Int, n: Int, k: Int, alpha: Float = 1,
                                a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int,
                                beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        precondition(m > 0 && n > 0 && k > 0, "GEMM: empty shape \(m)×\(n)×\(k)")
        precondition(lda >= (transA ? m : k) && ldb >= (transB ? k : n) && ldc >= n, "GEMM: leading dimension too small")
        let start = GEMMProfile.enabled ? DispatchTime.now().uptimeNanoseconds : 0
        let trans = Int32(COpenBLAS_Trans), noTrans = Int32(COpenBLAS_NoTrans)
        OpenBLASLibrary.shared.sgemm(Int32(COpenBLAS_RowMajor), transA ? trans : noTrans, transB ? trans : noTrans,
                                     Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
        if GEMMProfile.enabled {
            GEMMProfile.record(flops: 2 * Double(m) * Double(n) * Double(k),
                               nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
        }
    }
}

/// Optional accounting of time and floating-point work spent in ``GEMM``.
///
/// Used by ``GANBenchmark`` to say how much of an iteration is matrix products.
/// Only the thread that drives training may call GEMM while it is enabled.
public enum GEMMProfile {
    nonisolated(unsafe) public static var enabled = false
    nonisolated(unsafe) public private(set) static var flops: Double = 0
    nonisolated(unsafe) public private(set) static var seconds: Double = 0
    nonisolated(unsafe) public private(set) static var calls = 0

    /// Zeroes the counters.
    public static func reset() { flops = 0; seconds = 0; calls = 0 }

    static func record(flops f: Double, nanoseconds: UInt64) {
        flops += f
        seconds += Double(nanoseconds) * 1e-9
        calls += 1
    }
}
