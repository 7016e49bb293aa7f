import DmanCore

/// Chooses how much smaller a JPEG may be decoded (1, 2, 4 or 8) so that
/// every crop of the picture still has at least twice the output's
/// resolution before the Lanczos resize; 1 when any crop needs padding, when
/// no resize was asked for, or when the picture is not a JPEG.
///
/// Boxes are planned in upright pixels: the EXIF orientation is read from the
/// header (``JPEGOrientation``), and the decoder's own reading is checked
/// against it afterwards. The same boxes therefore give the same reduction
/// whatever manifest format they came from.
enum DecodeReduction {
    static func choose(_ plan: PicturePlan?, header: (format: RasterFormat, width: Int, height: Int)?,
                       options: CropOptions) -> Int {
        guard options.reducedJPEGDecode, let size = options.size, let header, header.format == .jpeg, let plan else { return 1 }
        var k = 8
        for region in plan.regions {
            if region.padFraction(width: plan.width, height: plan.height) > 0 { return 1 }
            while k > 1 && Double(region.side) < Double(2 * size * k) { k /= 2 }
        }
        return k
    }
}
