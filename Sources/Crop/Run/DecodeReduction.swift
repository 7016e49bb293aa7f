import DmanCore

/// Chooses how much smaller a JPEG may be decoded (1, 2, 4 or 8) so that
/// every crop of the picture still has at least twice the output's
/// resolution before the Lanczos resize; 1 when any crop needs padding, when
/// no resize was asked for, or when the picture is not a JPEG.
///
/// The EXIF orientation is not known before decoding, so both orientations
/// of the stored size are checked and the smaller reduction wins.
enum DecodeReduction {
    static func choose(_ boxes: [ManifestBox], header: (format: RasterFormat, width: Int, height: Int)?,
                       options: CropOptions) -> Int {
        guard options.reducedJPEGDecode, let size = options.size, let header, header.format == .jpeg else { return 1 }
        var k = 8
        for (w, h) in [(header.width, header.height), (header.height, header.width)] {
            for b in boxes {
                guard let box = try? BoxResolver.resolve(b.geometry, width: w, height: h, clip: options.clip) else { continue }
                let region = options.planner.plan(box: box, width: w, height: h)
                if region.padFraction(width: w, height: h) > 0 { return 1 }
                while k > 1 && Double(region.side) < Double(2 * size * k) { k /= 2 }
            }
        }
        return k
    }
}
