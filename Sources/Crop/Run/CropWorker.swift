import DmanCore
import Foundation

/// Crops every box of one picture: decode once, then plan, pad, resize and
/// write each crop atomically. Finished crops of an earlier run (same source
/// bytes, same provenance, output file intact) are kept without decoding.
struct CropWorker: Sendable {
    let options: CropOptions
    let output: URL
    let previous: [String: DatasetRecord]
    let report: @Sendable (ProgressEvent) -> Void
    let stop: StopFlag
    /// False when a later stage decided on the output folder: finished crops
    /// are verified, anything else is counted in ``JobOutcome/wouldRecrop``, nothing is written.
    var writes = true

    func process(_ job: CropJob) -> JobOutcome {
        var out = JobOutcome()
        let wanted = job.boxes.enumerated().filter { options.labels.isEmpty || options.labels.contains($0.element.label ?? "") }
        out.filtered = job.boxes.count - wanted.count
        if wanted.isEmpty { return out }
        let data: Data
        do { data = try InputFile.read(job.url) } catch { return fail(out, .pictureUnreadable(path: job.recorded, reason: error.reason)) }
        if data.isEmpty { return fail(out, .pictureUnreadable(path: job.recorded, reason: "empty file (0 bytes)")) }
        let sha = SHA256.hex(data)
        let header = ImageCodec.headerInfo(data)
        let exif = JPEGOrientation.read(data) ?? 1
        // The boxes planned once in the header's upright size; reused below unless the decode says otherwise.
        let headerPlan = header.map { h in
            PicturePlan(wanted, width: exif >= 5 ? h.height : h.width, height: exif >= 5 ? h.width : h.height, options: options)
        }
        var reduction = DecodeReduction.choose(headerPlan, header: header, options: options)
        if let kept = resumable(job, sha: sha, wanted: wanted, plan: headerPlan, reduction: reduction) {
            out.records = kept
            out.resumed = kept.count
            return out
        }
        if !writes { out.wouldRecrop = wanted.count; return out }
        let decoded: DecodedImage
        do {
            let window = header.flatMap { h in
                h.format == .jpeg && exif == 1 && options.partialJPEGDecode ? headerPlan.flatMap { CropDecodeWindow.plan($0, options: options) } : nil
            }
            var d = try ImageCodec.decode(data, maxPixels: options.maxPixels, jpegReduction: reduction, window: window)
            if reduction > 1, let header {
                // The reduced decode must be exactly ceil(size / reduction) in the upright orientation.
                let (w, h) = d.orientation >= 5 ? (header.height, header.width) : (header.width, header.height)
                if max(d.orientation, 1) != exif || d.image.width != (w + reduction - 1) / reduction
                    || d.image.height != (h + reduction - 1) / reduction {
                    reduction = 1
                    d = try ImageCodec.decode(data, maxPixels: options.maxPixels)
                }
            }
            decoded = d
        } catch {
            return fail(out, .pictureUndecodable(path: job.recorded, error: error))
        }
        if decoded.frameCount > 1 {
            report(.warning(ItemWarning(CropWarning.animated(path: job.recorded, frames: decoded.frameCount))))
        }
        let source = decoded.image
        let (width, height) = reduction == 1 ? (source.width, source.height)
            : decoded.orientation >= 5 ? (header!.height, header!.width) : (header!.width, header!.height)
        if let w = job.declaredWidth, let h = job.declaredHeight, (w, h) != (width, height) {
            report(.warning(ItemWarning(CropWarning.sizeMismatch(path: job.recorded, declaredWidth: w, declaredHeight: h,
                                                                 width: width, height: height, orientation: decoded.orientation))))
        }
        let picture = source.hasAlpha && !options.keepAlpha ? source.flattened(onto: options.background) : source
        let plan = headerPlan?.resized(wanted, width: width, height: height, options: options)
            ?? PicturePlan(wanted, width: width, height: height, options: options)
        for item in plan.items {
            if stop.isSet { break }
            let index: Int, label: String?, resolved: PixelBox, region: SquareRegion
            switch item {
            case .rejected(let i, let error):
                out = fail(out, .invalidBox(path: job.recorded, boxIndex: i, box: error.box, reason: error.reason))
                continue
            case .tooSmall(let i, let box, _):
                report(.warning(ItemWarning(CropWarning.boxTooSmall(path: job.recorded, boxIndex: i, box: BoxResolver.describe(box),
                                                                     minSize: options.minSize))))
                out.skipped += 1
                continue
            case .crop(let i, let l, let box, let r):
                (index, label, resolved, region) = (i, l, box, r)
            }
            let provenance = CropProvenance.make(job: job, sourceSHA: sha, width: width, height: height,
                                                 hasAlpha: source.hasAlpha, reduction: reduction, index: index, label: label,
                                                 box: resolved, region: region, options: options)
            do {
                let pixels = render(picture, reduction: reduction, region: region, width: width, height: height)
                out.records.append(try write(pixels, id: "\(job.stem)_\(index)", provenance: provenance))
                out.written += 1
            } catch {
                out = fail(out, error)
                // A write that failed (disk full, read-only, quota) fails for every later crop too.
                if case .output = error { stop.set() }
            }
            if let pad = provenance.padFraction, pad > options.maxPad {
                report(.warning(ItemWarning(CropWarning.mostlyPadding(path: job.recorded, boxIndex: index, fraction: pad, maxPad: options.maxPad))))
            }
            if let up = provenance.upscale, up > options.upscaleWarning {
                report(.warning(ItemWarning(CropWarning.upscaled(path: job.recorded, boxIndex: index, factor: up, regionSide: region.side))))
            }
        }
        return out
    }

    /// The crop's pixels: the region cut from the (possibly reduced)
    /// picture, padded where it leaves the picture, resized to ``CropOptions/size``.
    private func render(_ picture: PixelImage, reduction k: Int, region: SquareRegion, width: Int, height: Int) -> PixelImage {
        let inside = region.padFraction(width: width, height: height) == 0
        guard let size = options.size, size != region.side || k > 1 else {
            return ContextPadding.extract(from: picture, region: region, mode: options.pad)
        }
        if inside {
            let s = Double(k)
            return Resampler.lanczosWindow(picture, x: Double(region.x) / s, y: Double(region.y) / s,
                                           side: Double(region.side) / s, to: size)
        }
        // Padded crops are always planned at full resolution (k == 1).
        let square = ContextPadding.extract(from: picture, region: region, mode: options.pad)
        return Resampler.lanczosWindow(square, x: 0, y: 0, side: Double(region.side), to: size)
    }

    /// Encodes and writes one crop; returns its record.
    private func write(_ pixels: PixelImage, id: String, provenance: Provenance) throws(CropError) -> DatasetRecord {
        let file = id + ".png"
        // zlib's run-length strategy (OpenCV's imwrite default): ImageMagick's
        // PNG coder spent more time setting up than compressing 64 px crops.
        let png: Data
        if let fast = PNGEncoder.encode(pixels, level: 6, runLength: true) { png = fast } else {
            do { png = try ImageCodec.pngData(pixels) } catch {
                throw .output(path: file, reason: "cannot encode crop: \(error)")
            }
        }
        do { try AtomicFile.write(png, to: output.appendingPathComponent(file), flush: false) } catch {
            throw .output(path: error.path, reason: error.reason)
        }
        return DatasetRecord(id: id, file: file, sha256: SHA256.hex(png), width: pixels.width, height: pixels.height,
                             family: id, provenance: provenance)
    }

    /// The earlier run's records for these boxes, if all are finished and
    /// would be made identically now.
    private func resumable(_ job: CropJob, sha: String, wanted: [(offset: Int, element: ManifestBox)],
                           plan headerPlan: PicturePlan?, reduction: Int) -> [DatasetRecord]? {
        var kept: [DatasetRecord] = []
        guard !previous.isEmpty else { return nil }
        var plan = headerPlan
        for (position, (index, _)) in wanted.enumerated() {
            guard let old = previous["\(job.stem)_\(index)"], old.provenance.sourceSHA256 == sha,
                  let w = old.provenance.sourceWidth, let h = old.provenance.sourceHeight else { return nil }
            let p = plan?.resized(wanted, width: w, height: h, options: options) ?? PicturePlan(wanted, width: w, height: h, options: options)
            plan = p
            guard case .crop(_, let label, let resolved, let region) = p.items[position] else { return nil }
            let hadAlpha = old.provenance.transforms.contains { $0.name == "flatten" }
            let expected = CropProvenance.make(job: job, sourceSHA: sha, width: w, height: h, hasAlpha: hadAlpha,
                                               reduction: reduction, index: index, label: label, box: resolved, region: region, options: options)
            guard expected == old.provenance,
                  let bytes = try? Data(contentsOf: output.appendingPathComponent(old.file)),
                  SHA256.hex(bytes) == old.sha256 else { return nil }
            kept.append(old)
        }
        return kept
    }

    private func fail(_ outcome: JobOutcome, _ error: CropError) -> JobOutcome {
        var o = outcome
        o.errors.append(error)
        report(.itemFailed(ItemFailure(error)))
        if options.strict { stop.set() }
        return o
    }
}
