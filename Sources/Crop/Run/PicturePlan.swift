import DmanCore

/// Every wanted box of one picture resolved and planned once, in the
/// picture's upright pixels: its square region, or why it is not cropped.
/// The JPEG decode reduction (``DecodeReduction``), the decode window
/// (``CropDecodeWindow``), the resume check and the crop loop all read this
/// one plan instead of resolving the boxes again.
struct PicturePlan: Sendable {
    /// One wanted box.
    enum Item: Sendable {
        /// Cropped: the resolved box and the square cut around it.
        case crop(index: Int, label: String?, box: PixelBox, region: SquareRegion)
        /// Resolved but smaller than ``CropOptions/minSize`` (still counted for decode reduction).
        case tooSmall(index: Int, box: PixelBox, region: SquareRegion)
        /// Not a usable box for this picture.
        case rejected(index: Int, BoxResolver.Rejection)
    }

    /// Upright size the boxes were planned in.
    let width: Int
    let height: Int
    let items: [Item]

    init(_ wanted: [(offset: Int, element: ManifestBox)], width: Int, height: Int, options: CropOptions) {
        self.width = width
        self.height = height
        let planner = options.planner
        items = wanted.map { index, box in
            let resolved: PixelBox
            do throws(BoxResolver.Rejection) {
                resolved = try BoxResolver.resolve(box.geometry, width: width, height: height, clip: options.clip)
            } catch {
                return .rejected(index: index, error)
            }
            let region = planner.plan(box: resolved, width: width, height: height)
            return max(resolved.width, resolved.height) < options.minSize
                ? .tooSmall(index: index, box: resolved, region: region)
                : .crop(index: index, label: box.label, box: resolved, region: region)
        }
    }

    /// The squares of every box that resolves (cropped or too small), in box order.
    var regions: [SquareRegion] {
        items.compactMap {
            switch $0 {
            case .crop(_, _, _, let r), .tooSmall(_, _, let r): return r
            case .rejected: return nil
            }
        }
    }

    /// This plan if it was made for `width`×`height`, else a new one for that size.
    func resized(_ wanted: [(offset: Int, element: ManifestBox)], width: Int, height: Int, options: CropOptions) -> PicturePlan {
        width == self.width && height == self.height ? self : PicturePlan(wanted, width: width, height: height, options: options)
    }
}
