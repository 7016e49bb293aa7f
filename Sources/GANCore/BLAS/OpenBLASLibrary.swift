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
}
