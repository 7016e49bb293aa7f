import Foundation
import GANCore
import Testing

/// GANCore opens OpenBLAS on first use instead of linking it (OpenBLASLibrary.swift), so
/// processes that never multiply a matrix never start OpenBLAS's spinning thread pool.
@Suite struct OpenBLASLoadingTests {
    /// The test binary links GANCore; a `-lopenblas` coming back through Package.swift or a
    /// modulemap `link` would make the dynamic loader list libopenblas here.
    @Test func libraryIsNotADependencyOfTheBinary() throws {
        #if os(Linux)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        p.arguments = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path]
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ldd-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        p.standardOutput = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        let listing = String(decoding: try Data(contentsOf: out), as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(listing.contains("libc.so"))  // ldd did list the dependencies
        #expect(!listing.contains("libopenblas"))
        #endif
    }

    /// The first product opens the library (mapped into the process afterwards) and is right.
    /// (No thread count is set: other suites set theirs concurrently.)
    @Test func firstProductOpensTheLibrary() {
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
        var c = [Float](repeating: 0, count: 4)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    GEMM.multiply(m: 2, n: 2, k: 2, a: pa.baseAddress!, lda: 2, b: pb.baseAddress!, ldb: 2,
                                  c: pc.baseAddress!, ldc: 2)
                }
            }
        }
        #expect(c == [19, 22, 43, 50])
        #expect(GEMM.threads >= 1)
        #if os(Linux)
        let maps = (try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8)) ?? ""
        #expect(maps.contains("libopenblas"))
        #endif
    }
}
