import Foundation

/// The part of a picture a caller will read, in upright full-size pixels.
package struct DecodeWindow: Sendable, Equatable {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// JPEG decoding through libjpeg-turbo directly (``JPEGDecompressor``):
/// DCT-domain scaling, and only the rows and columns a caller needs.
///
/// The same untrusted-input rules as ImageMagick's path apply: the format
/// was sniffed from the bytes, the declared size is checked against the
/// area cap before any pixel memory is allocated, libjpeg's own memory is
/// capped and so are progressive scans; a file cut short is a decode error
/// even when the rows needed come before the cut. Pixels equal ImageMagick's
/// (same library, same integer IDCT and fancy upsampling); CMYK is
/// converted as ImageMagick converts it.
extension ImageCodec {
    /// Decodes a JPEG at 1/`reduction` (1, 2, 4 or 8) of its size; `nil`
    /// when libjpeg-turbo cannot convert its colour model (the caller then
    /// uses ImageMagick). With a `window` and EXIF orientation 1, only the
    /// pixels of the window (plus a 2-pixel margin, widened to whole 8×8
    /// blocks across) are decoded; the others are black.
    package static func decodeJPEG(_ data: Data, maxPixels: Int?, reduction: Int = 1,
                                   window: DecodeWindow? = nil) throws(MagickError) -> DecodedImage? {
        let limits = MagickRuntime.shared.limits
        let cap = maxPixels ?? limits.maxPixels
        let k = [2, 4, 8].contains(reduction) ? reduction : 1
        let result: Result<DecodedImage?, MagickError> = data.withUnsafeBytes { raw in
            do throws(MagickError) {
                return .success(try decodeJPEG(raw, data: data, cap: cap, maxSide: limits.maxSide,
                                               memory: limits.memoryBytes, scale: k, window: window))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func decodeJPEG(_ raw: UnsafeRawBufferPointer, data: Data, cap: Int, maxSide: Int, memory: Int,
                                   scale k: Int, window: DecodeWindow?) throws(MagickError) -> DecodedImage? {
        func failure(_ f: JPEGDecompressor.Failure) -> MagickError? {
            switch f {
            case .corrupt(let m): return MagickError(kind: .decode, message: "corrupt JPEG: \(m)", operation: "read")
            case .truncated(let m): return MagickError(kind: .decode, message: "truncated or corrupt file: \(m)", operation: "read")
            case .tooManyScans(let m): return MagickError(kind: .decode, message: "refused progressive JPEG: \(m)", operation: "read")
            case .outOfMemory: return MagickError(kind: .decode, message: "out of memory for the JPEG decoder", operation: "read")
            case .unsupported: return nil
            }
        }
        do {
            let decoder = try JPEGDecompressor(maxMemory: memory)
            let header = try decoder.readHeader(raw)
            if header.width <= 0 || header.height <= 0 {
                throw MagickError(kind: .decode, message: "header declares an empty image", operation: "read")
            }
            if header.width * header.height > cap || max(header.width, header.height) > maxSide {
                throw MagickError(kind: .tooLarge(width: header.width, height: header.height, limit: cap),
                                  message: "header declares \(header.width)×\(header.height) pixels, above the cap of \(cap)",
                                  operation: "read")
            }
            if !header.complete {
                throw MagickError(kind: .decode, message: "truncated or corrupt file: no end-of-image marker after the scan data",
                                  operation: "read")
            }
            let orientation = JPEGOrientation.read(data) ?? 1
            let (cw, ch) = try decoder.scaledSize(k)
            var rows = (x: 0, y: 0, width: cw, height: ch)
            if let w = window, orientation == 1 {
                let x0 = max(0, w.x / k - 2), y0 = max(0, w.y / k - 2)
                let x1 = min(cw, (w.x + w.width + k - 1) / k + 2), y1 = min(ch, (w.y + w.height + k - 1) / k + 2)
                if x1 > x0 && y1 > y0 { rows = (x0, y0, x1 - x0, y1 - y0) }
            }
            var canvas = PixelImage(width: cw, height: ch, channels: 3)
            var caught: JPEGDecompressor.Failure?
            canvas.pixels.withUnsafeMutableBufferPointer { buffer in
                do throws(JPEGDecompressor.Failure) { try decoder.decode(scale: k, window: rows, into: buffer.baseAddress!, canvasWidth: cw, canvasHeight: ch) }
                catch { caught = error }
            }
            if let caught { throw caught }
            return DecodedImage(image: canvas.uprighted(exif: orientation), format: .jpeg, frameCount: 1,
                                orientation: orientation)
        } catch let error as MagickError {
            throw error
        } catch let f as JPEGDecompressor.Failure {
            guard let error = failure(f) else { return nil }
            throw error
        } catch {
            throw MagickError(kind: .decode, message: "\(error)", operation: "read")
        }
    }
}
