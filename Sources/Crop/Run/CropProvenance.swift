import DmanCore
import Foundation

/// Builds the provenance of one crop from its inputs, so that a finished crop
/// can be recognised on a rerun by comparing records.
enum CropProvenance {
    static func make(job: CropJob, sourceSHA: String, width: Int, height: Int, hasAlpha: Bool, reduction: Int, index: Int,
                     label: String?, box: PixelBox, region: SquareRegion, options: CropOptions) -> Provenance {
        let pad = region.padFraction(width: width, height: height)
        var transforms: [AppliedTransform] = []
        if hasAlpha && !options.keepAlpha {
            transforms.append(AppliedTransform(name: "flatten", stage: "crop",
                                               parameters: .object(["background": .string(options.background.hexString)])))
        }
        var upscale = 1.0
        if let size = options.size {
            upscale = Double(size) / Double(region.side)
            if size != region.side {
                var parameters: [String: JSONValue] = [
                    "width": .number(Double(size)), "height": .number(Double(size)), "filter": .string("Lanczos"),
                ]
                // Decoded by libjpeg at 1/reduction size first (DCT scaling).
                if reduction > 1 { parameters["jpegReduction"] = .number(Double(reduction)) }
                transforms.append(AppliedTransform(name: "resize", stage: "crop", parameters: .object(parameters)))
            }
        }
        return Provenance(source: job.recorded, sourceSHA256: sourceSHA, sourceWidth: width, sourceHeight: height,
                          boxIndex: index, label: label, box: box, region: region.pixelBox, padFraction: pad,
                          padMode: pad > 0 ? options.pad.description : "none", upscale: upscale, transforms: transforms)
    }
}
