import DmanCore
import DmanTestSupport
import Foundation
import GANCore
import Testing

@Suite struct TrainingSetTests {
    func writePNG(_ img: PixelImage, _ url: URL) throws { try ImageCodec.pngData(img).write(to: url) }

    @Test func plainFolderWithPatternScalesToMinusOneOne() throws {
        let tmp = TemporaryDirectory("gan-data")
        var img = PixelImage(width: 8, height: 8)
        img[0, 0] = [255, 0, 128]
        try writePNG(img, tmp.path("a.png"))
        try writePNG(PixelImage(width: 8, height: 8), tmp.path("b.png"))
        try Data("not an image".utf8).write(to: tmp.path("notes.txt"))
        let set = try TrainingSet.load(folder: tmp.url, pattern: "*.png", imageSize: 8)
        #expect(set.count == 2)
        let batch = Tensor(shape: [0])
        set.fill(batch, indices: [0, 1])
        #expect(batch.shape == [3, 2, 8, 8])
        #expect(batch[0] == 1 && batch[2 * 64] == -1 && abs(batch[4 * 64] - (128 / 127.5 - 1)) < 1e-6)
        #expect(batch[64] == -1)  // image b, red channel
    }

    @Test func mismatchedSizeIsRefusedNamingTheFile() throws {
        let tmp = TemporaryDirectory("gan-data")
        try writePNG(PixelImage(width: 8, height: 8), tmp.path("a.png"))
        try writePNG(PixelImage(width: 10, height: 6), tmp.path("odd.png"))
        #expect(throws: GANError.sizeMismatch(file: tmp.path("odd.png").standardizedFileURL.path, width: 10, height: 6, expected: 8)) {
            try TrainingSet.load(folder: tmp.url, imageSize: 8)
        }
        let resized = try TrainingSet.load(folder: tmp.url, imageSize: 8, resize: true)
        #expect(resized.count == 2)
    }

    @Test func resizeAveragesWhenShrinking() {
        var img = PixelImage(width: 4, height: 4)
        for y in 0..<4 { for x in 0..<4 { img[x, y] = (x + y) % 2 == 0 ? [255, 255, 255] : [0, 0, 0] } }
        let small = Resampler.centreSquare(img, side: 2)
        #expect(small.pixels.allSatisfy { $0 == 128 || $0 == 127 })
    }

    @Test func datasetOrderIsUsedAndBatchesStayTogether() throws {
        let tmp = TemporaryDirectory("gan-data")
        var records: [DatasetRecord] = []
        for i in 0..<6 {
            var img = PixelImage(width: 8, height: 8)
            img[0, 0] = [UInt8(i * 40), 0, 0]
            try writePNG(img, tmp.path("r\(i).png"))
            records.append(DatasetRecord(id: "r\(i)", file: "r\(i).png", sha256: "", width: 8, height: 8, family: "r\(i)",
                                         provenance: Provenance(source: "r\(i).png")))
        }
        let order = EpochOrder(batch: 2, seed: 1, ids: ["r5", "r0", "r3", "r1", "r4", "r2"])
        try DatasetFolder(tmp.url).save(DatasetDocument(stage: "audit", records: records, order: order))
        let set = try TrainingSet.load(folder: tmp.url, imageSize: 8)
        #expect(set.batchesPerEpoch(batchSize: 2) == 3)
        for epoch in 0..<3 {
            let o = set.epochOrder(epoch, batchSize: 2, seed: 9)
            let pairs = Set((0..<3).map { [o[2 * $0], o[2 * $0 + 1]] })
            #expect(pairs == Set([[5, 0], [3, 1], [4, 2]]))
        }
        // Without an order, each epoch is its own reproducible shuffle.
        let plain = try TrainingSet(images: (0..<6).map { _ in PixelImage(width: 8, height: 8) }, names: (0..<6).map { "\($0)" }, imageSize: 8)
        #expect(plain.epochOrder(0, batchSize: 2, seed: 9) == plain.epochOrder(0, batchSize: 2, seed: 9))
        #expect(plain.epochOrder(0, batchSize: 2, seed: 9) != plain.epochOrder(1, batchSize: 2, seed: 9))
    }
}
