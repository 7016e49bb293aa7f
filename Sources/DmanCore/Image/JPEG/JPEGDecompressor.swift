import Foundation
internal import CJPEGTurbo

/// One libjpeg-turbo decompressor: the only owner of its C handle, which
/// `deinit` destroys. Used once, for one picture.
///
/// All libjpeg calls happen in `CJPEGTurbo` (C, below a `setjmp`), so a
/// corrupt file comes back here as a status, never as a jump through Swift
/// frames.
final class JPEGDecompressor {
    private let handle: OpaquePointer

    /// Stored size and colour model from the frame header.
    struct Header {
        var width: Int
        var height: Int
        var colorSpace: Int32
        var progressive: Bool
        /// An end-of-image marker follows the first scan (not cut short).
        var complete: Bool
    }

    /// Why libjpeg-turbo could not decode.
    enum Failure: Error {
        case corrupt(String)
        case truncated(String)
        case tooManyScans(String)
        /// A colour model this front does not convert: ImageMagick may.
        case unsupported(String)
        case outOfMemory
    }

    /// - Parameters:
    ///   - maxScans: progressive scans allowed (TurboJPEG 3's own default cap is 500).
    ///   - maxMemory: bytes libjpeg may allocate for its own buffers.
    init(maxScans: Int = 500, maxMemory: Int) throws(Failure) {
        guard let h = CJPEG_create(Int32(maxScans), maxMemory) else { throw .outOfMemory }
        handle = h
    }

    deinit { CJPEG_destroy(handle) }

    /// Reads the markers up to the first scan. `bytes` must stay valid until
    /// ``decode(scale:window:into:canvasWidth:canvasHeight:)`` returns.
    func readHeader(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Header {
        var h = CJPEG_header()
        let status = CJPEG_readHeader(handle, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt(bytes.count), &h)
        try check(status)
        return Header(width: Int(h.width), height: Int(h.height), colorSpace: h.colorSpace,
                      progressive: h.progressive != 0, complete: h.complete != 0)
    }

    /// The picture's size when decoded at 1/`scale`.
    func scaledSize(_ scale: Int) throws(Failure) -> (width: Int, height: Int) {
        var w: Int32 = 0, h: Int32 = 0
        try check(CJPEG_scaledSize(handle, Int32(scale), &w, &h))
        return (Int(w), Int(h))
    }

    /// Decodes rows `window.y ..< window.y + window.height` and at least its
    /// columns, at 1/`scale`, into the RGB `canvas` of the whole scaled picture.
    func decode(scale: Int, window: (x: Int, y: Int, width: Int, height: Int),
                into canvas: UnsafeMutablePointer<UInt8>, canvasWidth: Int, canvasHeight: Int) throws(Failure) {
        var x: Int32 = 0, w: Int32 = 0
        let status = CJPEG_decodeRGB(handle, Int32(scale), Int32(window.x), Int32(window.y), Int32(window.width),
                                     Int32(window.height), canvas, Int32(canvasWidth), Int32(canvasHeight), &x, &w)
        try check(status)
    }

    /// Warnings libjpeg reported (corrupt data it skipped over).
    var warningCount: Int { Int(CJPEG_warningCount(handle)) }

    private func check(_ status: Int32) throws(Failure) {
        let message = String(cString: CJPEG_message(handle))
        switch Int(status) {
        case Int(CJPEG_ok): return
        case Int(CJPEG_truncated): throw .truncated(message)
        case Int(CJPEG_tooManyScans): throw .tooManyScans(message)
        case Int(CJPEG_unsupported): throw .unsupported(message)
        default: throw .corrupt(message)
        }
    }
}
