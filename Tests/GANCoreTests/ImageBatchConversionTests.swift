import DmanCore
import DmanTestSupport
import GANCore
import Testing

@Suite struct ImageBatchConversionTests {
    @Test func roundTripsAndMapsTheRange() {
        let images = (0..<3).map { SyntheticImage.textured(width: 10, height: 6, seed: UInt64($0)) }
        let (values, shape) = ImageBatchConversion.batch(from: images)
        #expect(shape == ImageBatchShape(n: 3, c: 3, h: 6, w: 10))
        #expect(values.allSatisfy { $0 >= -1 && $0 <= 1 })
        // NCHW: channel 1 of pixel (x 4, y 2) of image 2
        #expect(abs(values[((2 * 3 + 1) * 6 + 2) * 10 + 4] - (Float(images[2][4, 2][1]) / 127.5 - 1)) < 1e-6)
        #expect(ImageBatchConversion.pixelImages(from: values, shape: shape) == images)
        let extremes = ImageBatchConversion.pixelImages(from: [-3, -1, 0, 1, 7, 0.999], shape: ImageBatchShape(n: 1, c: 1, h: 2, w: 3))
        #expect(extremes[0].pixels == [0, 0, 0, 0, 0, 0, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255])
    }
}
