import DmanCore

/// The part of a picture its crops read, so that a JPEG decoder can skip
/// the rest (``ImageCodec/decodeJPEG(_:maxPixels:reduction:window:)``).
///
/// Per axis, a crop reads the picture pixels its square maps to through
/// ``ContextPadding/sourceIndex(_:extent:mode:)``: the square itself when it
/// lies inside, plus the mirrored or repeated pixels that fill its padding.
/// The Lanczos resize reads only inside the square. The window is the
/// bounding box of all of them, in upright full-size pixels.
enum CropDecodeWindow {
    /// The window, or nil when no box resolves (then the whole picture is decoded).
    static func plan(_ plan: PicturePlan, options: CropOptions) -> DecodeWindow? {
        var x0 = Int.max, y0 = Int.max, x1 = Int.min, y1 = Int.min
        let fill: PadMode = options.pad == .blur ? .mirror : options.pad == .fade ? .edge : options.pad
        let width = plan.width, height = plan.height
        for region in plan.regions {
            guard let xs = span(region.x, region.side, extent: width, fill: fill),
                  let ys = span(region.y, region.side, extent: height, fill: fill) else { continue }
            x0 = min(x0, xs.lowerBound); x1 = max(x1, xs.upperBound)
            y0 = min(y0, ys.lowerBound); y1 = max(y1, ys.upperBound)
        }
        guard x1 > x0, y1 > y0 else { return nil }
        return DecodeWindow(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// Picture coordinates read along one axis by a square at `start` of `side`.
    private static func span(_ start: Int, _ side: Int, extent: Int, fill: PadMode) -> Range<Int>? {
        if start >= 0 && start + side <= extent { return start..<(start + side) }
        var lo = Int.max, hi = Int.min
        for i in start..<(start + side) {
            let s = ContextPadding.sourceIndex(i, extent: extent, mode: fill)
            if s >= 0 { lo = min(lo, s); hi = max(hi, s) }
            if lo == 0 && hi == extent - 1 { break }
        }
        return hi >= lo ? lo..<(hi + 1) : nil
    }
}
