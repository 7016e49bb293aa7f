#ifndef CLIBPNG_SHIM_H
#define CLIBPNG_SHIM_H

// libpng's "simplified API" (png_image_*), declared here by hand instead of
// `#include <png.h>`. Why: png.h pulls in <stdio.h>, <setjmp.h> and <time.h>;
// a second C module that textually includes glibc headers next to
// CMagickWand makes Swift reject DmanCore with "'fd_set' has different
// definitions in different modules" (CMagickWand vs CDispatch). These
// declarations use only built-in C types, so this module includes no system
// header at all. They copy libpng 1.6's stable, versioned ABI
// (PNG_IMAGE_VERSION 1); `bench/audit/check_png_abi.sh` compiles them against
// the real png.h and checks sizes/offsets. They can go if Swift's Glibc
// module map ever owns sys/select.h.
//
// The simplified API catches libpng's longjmp errors internally and reports
// failure through return values, so Swift never meets setjmp/longjmp.

typedef struct png_control *CLibPNG_controlp;

typedef struct {
    CLibPNG_controlp opaque;        // NULL before begin_read; freed by png_image_free
    unsigned int version;           // PNG_IMAGE_VERSION (1)
    unsigned int width;
    unsigned int height;
    unsigned int format;            // PNG_FORMAT_* flags
    unsigned int flags;
    unsigned int colormap_entries;
    unsigned int warning_or_error;
    char message[64];
} CLibPNG_image;

int png_image_begin_read_from_memory(CLibPNG_image *image, const void *memory, unsigned long size);
int png_image_finish_read(CLibPNG_image *image, const void *background, void *buffer,
                          int row_stride, void *colormap);
void png_image_free(CLibPNG_image *image);

// Values of png.h's macros PNG_IMAGE_VERSION, PNG_FORMAT_RGB, PNG_FORMAT_RGBA,
// PNG_FORMAT_FLAG_ALPHA (macros are not imported into Swift).
static const unsigned int CLibPNG_imageVersion = 1;
static const unsigned int CLibPNG_formatRGB = 0x02;
static const unsigned int CLibPNG_formatRGBA = 0x03;
static const unsigned int CLibPNG_flagAlpha = 0x01;

#endif
