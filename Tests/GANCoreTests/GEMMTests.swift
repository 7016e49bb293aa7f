import GANCore
import Testing

/// OpenBLAS wrapper against a naive product, all transpose combinations.
@Suite struct GEMMTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matchesNaiveProduct(_ trans: (Bool, Bool)) {
        let (ta, tb) = trans
        let m = 7, n = 5, k = 9
        let a = randomValues(m * k, seed: 1), b = randomValues(k * n, seed: 2), c0 = randomValues(m * n, seed: 3)
        func A(_ i: Int, _ p: Int) -> Float { ta ? a[p * m + i] : a[i * k + p] }
        func B(_ p: Int, _ j: Int) -> Float { tb ? b[j * k + p] : b[p * n + j] }
        var c = c0
        a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeMutableBufferPointer { cp in
            GEMM.multiply(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 2, a: ap.baseAddress!, lda: ta ? m : k,
                          b: bp.baseAddress!, ldb: tb ? k : n, beta: 0.5, c: cp.baseAddress!, ldc: n)
        } } }
        var expected = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n {
            var s = 0.0
            for p in 0..<k { s += Double(A(i, p)) * Double(B(p, j)) }
            expected[i * n + j] = Float(2 * s + 0.5 * Double(c0[i * n + j]))
        } }
        expectClose(c, expected, 1e-5, "gemm \(ta) \(tb)")
    }
}
