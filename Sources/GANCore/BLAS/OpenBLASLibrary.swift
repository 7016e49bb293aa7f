internal import COpenBLAS
import Foundation

/// OpenBLAS, opened with `dlopen` the first time GANCore needs a matrix product
/// or sets its thread count.
///
/// Linking libopenblas would run its constructor in every dman process, and that
/// constructor starts a pool of worker threads that spin in `sched_yield` for about
/// 2^28 cycles before they sleep, in crop, augment and audit too, which never call
/// BLAS (bench/augment/README.md measures it). Loaded here on first use, the pool only
/// exists in processes that train, generate or evaluate.
struct OpenBLASLibrary: @unchecked Sendable {
    /// The library GANCore uses, opened on first access (thread-safe: a Swift
    /// `static let` is initialised once).
    static let shared = OpenBLASLibrary()

    /// Debian's soname first (the `libopenblas0-pthread` alternative), then the
    /// development symlink and the macOS name.
    static let candidates = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"]

    let sgemm: COpenBLAS_sgemm
    let setNumThreads: COpenBLAS_set_num_threads
    let getNumThreads: COpenBLAS_get_num_threads

    private init() {
        Self.chooseCoreType()
        Self.chooseThreadTimeout()
        var failures: [String] = []
        for name in Self.candidates {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else {
                failures.append(String(cString: dlerror()))
                continue
            }
            guard let s = dlsym(handle, "cblas_sgemm"),
                  let set = dlsym(handle, "openblas_set_num_threads"),
                  let get = dlsym(handle, "openblas_get_num_threads") else {
                failures.append("\(name): no cblas_sgemm/openblas_set_num_threads/openblas_get_num_threads")
                dlclose(handle)
                continue
            }
            // The handle is never closed: the library stays loaded for the process.
            sgemm = unsafeBitCast(s, to: COpenBLAS_sgemm.self)
            setNumThreads = unsafeBitCast(set, to: COpenBLAS_set_num_threads.self)
            getNumThreads = unsafeBitCast(get, to: COpenBLAS_get_num_threads.self)
            return
        }
        fatalError("GANCore needs OpenBLAS (Debian: apt-get install libopenblas0-pthread): "
                   + failures.joined(separator: "; "))
    }

    /// Asks OpenBLAS for its AVX-512 kernels (`SKYLAKEX`) when the CPU and kernel
    /// support AVX-512 F/DQ/BW/VL and the user has not chosen a core type.
    ///
    /// Debian's OpenBLAS 0.3.21 does not know AMD Zen 4/5 and falls back to its
    /// `Haswell` (AVX2) kernels there: sgemm 2048³ on 2 threads measured 215–220
    /// GFLOP/s against 398–423 with `SKYLAKEX` on this machine (bench/gan/README.md).
    /// OpenBLAS reads `OPENBLAS_CORETYPE` in its constructor, which runs inside
    /// `dlopen`, so it is set just before. `/proc/cpuinfo` lists AVX-512 only when
    /// the kernel enabled its register state. Set `OPENBLAS_CORETYPE` (for example
    /// `HASWELL`) to override.
    static func chooseCoreType() {
        guard getenv("OPENBLAS_CORETYPE") == nil, let flags = cpuFlags() else { return }
        if ["avx512f", "avx512dq", "avx512bw", "avx512vl"].allSatisfy(flags.contains) {
            setenv("OPENBLAS_CORETYPE", "SKYLAKEX", 0)
        }
    }

    /// Lets OpenBLAS's pool threads sleep as soon as a product ends
    /// (`OPENBLAS_THREAD_TIMEOUT=4`, its minimum: 2^4 cycles) unless the user chose.
    ///
    /// By default they spin in `sched_yield` for 2^28 cycles (≈ 0.1 s) after every
    /// product, competing for the two cores with GANCore's own workers (col2im,
    /// BatchNorm, Adam), which run between products: 18–23 % of `perf` samples of
    /// 100-image inference were the scheduler. Measured A/B (bench/gan/README.md):
    /// 12–14 % less CPU for inference and training, wall time equal or lower.
    static func chooseThreadTimeout() {
        if getenv("OPENBLAS_THREAD_TIMEOUT") == nil { setenv("OPENBLAS_THREAD_TIMEOUT", "4", 0) }
    }

    /// The first `flags` line of `/proc/cpuinfo` (read with stdio: procfs files
    /// report size 0, which Foundation's whole-file readers take literally).
    static func cpuFlags() -> Set<String>? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            if text.hasPrefix("flags") {
                return Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
            }
        }
        return nil
    }
}
