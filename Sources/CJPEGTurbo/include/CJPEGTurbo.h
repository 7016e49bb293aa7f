#ifndef CJPEGTURBO_H
#define CJPEGTURBO_H

// A small C front for libjpeg-turbo's libjpeg API (libjpeg62-turbo 2.1),
// used by dman's JPEG decoder (DmanCore's `JPEGDecompressor`, the only
// caller and the owner of every handle).
//
// Why a C file and not a `[system]` module map over jpeglib.h:
// - libjpeg reports fatal errors through `error_exit`, which must not
//   return; the only safe way out is `longjmp` to a `setjmp` in the frame
//   that called into the library, and Swift cannot call `setjmp`. Every
//   call into libjpeg therefore happens inside `dman_jpeg.c`, below one
//   `setjmp`, and comes back here as a return value.
// - jpeglib.h needs <stdio.h>; a second C module that includes glibc headers
//   beside CMagickWand makes Swift reject DmanCore ("'fd_set' has different
//   definitions in different modules", see CLibPNG/shim.h). This header uses
//   only built-in C types; jpeglib.h is included by the .c file alone.

typedef struct CJPEG_decoder CJPEG_decoder;

/// Colour model of the stored samples (jpeglib's J_COLOR_SPACE, reduced).
enum {
    CJPEG_colorUnknown = 0,
    CJPEG_colorGray = 1,
    CJPEG_colorRGB = 2,
    CJPEG_colorYCbCr = 3,
    CJPEG_colorCMYK = 4,
    CJPEG_colorYCCK = 5,
};

/// Result codes.
enum {
    CJPEG_ok = 0,
    CJPEG_error = 1,        // libjpeg's fatal error (message in CJPEG_message)
    CJPEG_truncated = 2,    // the data ended before the image did
    CJPEG_tooManyScans = 3, // progressive file with more scans than allowed
    CJPEG_unsupported = 4,  // colour model this front does not convert
};

typedef struct {
    int width;          // stored (not EXIF-rotated) size from the frame header
    int height;
    int components;
    int colorSpace;     // CJPEG_color*
    int progressive;    // 1 for progressive (multi-scan) files
    int complete;       // 1 when an end-of-image marker follows the first scan
} CJPEG_header;

/// A decompressor; NULL when memory is short. `maxScans` caps progressive
/// scans (a many-scan file is a CPU bomb), `maxMemory` caps libjpeg's own
/// allocations in bytes.
CJPEG_decoder *CJPEG_create(int maxScans, long maxMemory);
void CJPEG_destroy(CJPEG_decoder *decoder);

/// Reads markers up to the first scan of `data` (which must stay valid until
/// the decode is done) and fills `header`. No pixel memory is allocated.
int CJPEG_readHeader(CJPEG_decoder *decoder, const unsigned char *data, unsigned long size, CJPEG_header *header);

/// The output size at 1/`scaleDenom` (1, 2, 4 or 8): ceil(width / scaleDenom).
int CJPEG_scaledSize(CJPEG_decoder *decoder, int scaleDenom, int *width, int *height);

/// Decodes the rows [y, y + h) and at least the columns [x, x + w) of the
/// picture scaled to 1/`scaleDenom`, as 8-bit RGB, into `canvas`, which holds
/// the whole scaled picture (`canvasWidth` × `canvasHeight` × 3 bytes); other
/// canvas pixels are left as they were. `*decodedX`, `*decodedWidth` receive
/// the columns actually written (widened to whole iMCUs). CMYK and YCCK
/// samples are converted as ImageMagick does (Adobe-inverted inks,
/// R = C'·K' / 255). Call after CJPEG_readHeader, once.
int CJPEG_decodeRGB(CJPEG_decoder *decoder, int scaleDenom, int x, int y, int w, int h,
                    unsigned char *canvas, int canvasWidth, int canvasHeight,
                    int *decodedX, int *decodedWidth);

/// libjpeg's last message (error or warning), or "".
const char *CJPEG_message(const CJPEG_decoder *decoder);

/// Warnings libjpeg reported so far (corrupt data it could skip).
int CJPEG_warningCount(const CJPEG_decoder *decoder);

#endif
