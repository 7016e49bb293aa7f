import DmanCore
import Foundation

extension ConvTranspose2d {
    /// Floats of column matrix one block of ``inferenceForward(_:epilogue:blockFloats:)``
    /// aims at (1 MiB, a core's L2 here: the block stays cached between the GEMM
    /// that writes it and the col2im that reads it). A block holds at least one
    /// channel or image, so at 64 px the widest layer's blocks are one image (1.6 MB).
    /// 2^16 to 2^20 measured alike (bench/gan/generate_ab.py); one batch-wide block was slower.
    nonisolated(unsafe) package static var inferenceBlockFloats = 1 << 18

    /// The inference forward pass, with the next layer fused in as `epilogue`.
    ///
    /// Computes the same values as ``forward(_:training:)`` followed by that
    /// layer, but in blocks: the column matrix of the whole batch (164 MB for
    /// 100 images at 64 px) is never materialised. Each block is one GEMM for a
    /// slice of output channels (when the weights are the larger operand, so
    /// the small input is what gets re-read) or of images (otherwise), then a
    /// col2im of those planes that also adds the bias and applies `epilogue`
    /// plane by plane. The layer keeps no input, so ``backward(_:)`` may not follow.
    package func inferenceForward(_ x: Tensor, epilogue: PlaneEpilogue?,
                                  blockFloats: Int = ConvTranspose2d.inferenceBlockFloats) -> Tensor {
        let g = columnGeometry(for: x)
        let n = x.shape[1], h = x.shape[2], w = x.shape[3]
        input = nil
        geometry = g
        let columns = n * h * w, taps = kernelSize * kernelSize, plan = lowering.plan(g)
        // GEMMProfile's counters are not thread-safe: profiled runs use one worker.
        let threads = GEMMProfile.enabled ? 1 : min(Compute.threads, plan.workerCount)
        var blocks = max(threads, (g.rows * columns + blockFloats - 1) / max(1, blockFloats))
        blocks = (blocks + threads - 1) / threads * threads
        output.resize([outputChannels, n, g.height, g.width])
        // Blocks of output channels when the weights are the larger operand
        // (the small input is what each block's GEMM re-reads), else of images.
        let byChannel = g.rows > columns
        let per = byChannel ? (outputChannels + blocks - 1) / blocks : (n + blocks - 1) / blocks
        let total = byChannel ? outputChannels : n
        let count = (total + per - 1) / per
        let blockFloats = byChannel ? per * taps * columns : g.rows * per * h * w
        let col = SharedPointer(workspace.buffer(threads * blockFloats)), out = SharedPointer(output.data)
        let wt = SharedPointer(weight.value.data), b = SharedPointer(bias.value.data), xp = SharedPointer(x.data)
        let ci = inputChannels, co = outputChannels, rows = g.rows, plane = h * w
        // Each worker runs whole blocks with a one-thread GEMM: no pool
        // hand-offs or spinning between a block's product and its col2im.
        if threads > 1 { GEMM.setThreads(1) }
        defer { if threads > 1 { GEMM.setThreads(Compute.threads) } }
        // Blocks are handed out one at a time, so a worker whose core is busy
        // with another process does not hold back the layer; each block's
        // values do not depend on which worker computes it.
        let nextBlock = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { worker in
            let c = col.p + worker * blockFloats
            while true {
                let block = nextBlock.next()
                if block >= count { break }
                let lo = block * per, hi = min(total, lo + per)
                if byChannel {
                    GEMM.multiply(transA: true, m: (hi - lo) * taps, n: columns, k: ci, a: wt.p + lo * taps,
                                  lda: rows, b: xp.p, ldb: columns, c: c, ldc: columns)
                    plan.col2im(channels: lo..<hi, images: 0..<n, batch: n, col: c, ldc: columns,
                                bias: b.p, image: out.p, epilogue: epilogue, worker: worker)
                } else {
                    let cols = (hi - lo) * plane
                    GEMM.multiply(transA: true, m: rows, n: cols, k: ci, a: wt.p, lda: rows,
                                  b: xp.p + lo * plane, ldb: columns, c: c, ldc: cols)
                    plan.col2im(channels: 0..<co, images: lo..<hi, batch: n, col: c, ldc: cols,
                                bias: b.p, image: out.p, epilogue: epilogue, worker: worker)
                }
            }
        }
        return output
    }
}
