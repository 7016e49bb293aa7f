// See include/CJPEGTurbo.h for why this file exists.
#include "CJPEGTurbo.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

struct CJPEG_decoder {
    struct jpeg_decompress_struct info;
    struct jpeg_error_mgr errors;
    struct jpeg_progress_mgr progress;
    jmp_buf escape;
    int maxScans;
    int status;          // why we escaped (CJPEG_error / CJPEG_tooManyScans)
    int truncated;       // libjpeg warned "Premature end of JPEG file"
    int warnings;
    int started;         // jpeg_start_decompress ran
    char message[JMSG_LENGTH_MAX];
};

static void on_error(j_common_ptr info) {
    CJPEG_decoder *d = (CJPEG_decoder *)info->client_data;
    info->err->format_message(info, d->message);
    d->status = CJPEG_error;
    longjmp(d->escape, 1);
}

static void on_message(j_common_ptr info, int level) {
    if (level >= 0) return;  // trace messages
    CJPEG_decoder *d = (CJPEG_decoder *)info->client_data;
    d->warnings += 1;
    if (info->err->msg_code == JWRN_JPEG_EOF) d->truncated = 1;
    info->err->format_message(info, d->message);
}

static void on_progress(j_common_ptr info) {
    CJPEG_decoder *d = (CJPEG_decoder *)info->client_data;
    j_decompress_ptr di = (j_decompress_ptr)info;
    if (di->input_scan_number > d->maxScans) {
        snprintf(d->message, sizeof d->message, "more than %d progressive scans", d->maxScans);
        d->status = CJPEG_tooManyScans;
        longjmp(d->escape, 1);
    }
}

CJPEG_decoder *CJPEG_create(int maxScans, long maxMemory) {
    CJPEG_decoder *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->maxScans = maxScans;
    d->info.err = jpeg_std_error(&d->errors);
    d->errors.error_exit = on_error;
    d->errors.emit_message = on_message;
    d->info.client_data = d;
    if (setjmp(d->escape)) {  // out of memory inside jpeg_create_decompress
        free(d);
        return NULL;
    }
    jpeg_create_decompress(&d->info);
    d->info.mem->max_memory_to_use = maxMemory;
    d->progress.progress_monitor = on_progress;
    d->info.progress = &d->progress;
    return d;
}

void CJPEG_destroy(CJPEG_decoder *d) {
    if (!d) return;
    jpeg_destroy_decompress(&d->info);
    free(d);
}

const char *CJPEG_message(const CJPEG_decoder *d) { return d->message; }
int CJPEG_warningCount(const CJPEG_decoder *d) { return d->warnings; }

static int color_code(J_COLOR_SPACE c) {
    switch (c) {
    case JCS_GRAYSCALE: return CJPEG_colorGray;
    case JCS_RGB: return CJPEG_colorRGB;
    case JCS_YCbCr: return CJPEG_colorYCbCr;
    case JCS_CMYK: return CJPEG_colorCMYK;
    case JCS_YCCK: return CJPEG_colorYCCK;
    default: return CJPEG_colorUnknown;
    }
}

int CJPEG_readHeader(CJPEG_decoder *d, const unsigned char *data, unsigned long size, CJPEG_header *h) {
    if (setjmp(d->escape)) return d->status;
    jpeg_mem_src(&d->info, data, size);
    jpeg_read_header(&d->info, TRUE);
    if (d->truncated) {
        snprintf(d->message, sizeof d->message, "the file ends inside the JPEG header");
        return CJPEG_truncated;
    }
    h->width = (int)d->info.image_width;
    h->height = (int)d->info.image_height;
    h->components = d->info.num_components;
    h->colorSpace = color_code(d->info.jpeg_color_space);
    h->progressive = d->info.progressive_mode ? 1 : 0;
    // Inside entropy-coded data 0xFF is always followed by 0x00 or RSTn, and
    // no marker between scans is EOI: an FF D9 after the first scan's start
    // means the data runs to the end of the image. A decode that stops after
    // the rows it needs would not see a cut file otherwise.
    unsigned long scan = size - (unsigned long)d->info.src->bytes_in_buffer;
    h->complete = 0;
    for (unsigned long i = size; i >= scan + 2; i--) {
        if (data[i - 2] == 0xFF && data[i - 1] == 0xD9) { h->complete = 1; break; }
    }
    return CJPEG_ok;
}

int CJPEG_scaledSize(CJPEG_decoder *d, int scaleDenom, int *width, int *height) {
    if (setjmp(d->escape)) return d->status;
    d->info.scale_num = 1;
    d->info.scale_denom = (unsigned int)scaleDenom;
    jpeg_calc_output_dimensions(&d->info);
    *width = (int)d->info.output_width;
    *height = (int)d->info.output_height;
    return CJPEG_ok;
}

/// ImageMagick's CMYK JPEG reading: inks stored inverted (Adobe), then
/// R = (1 - C)(1 - K) on the stored values c' = 1 - C, k' = 1 - K.
static void cmyk_to_rgb(const unsigned char *src, unsigned char *dst, int n) {
    for (int i = 0; i < n; i++) {
        unsigned k = src[4 * i + 3];
        for (int c = 0; c < 3; c++) {
            unsigned v = src[4 * i + c] * k;
            dst[3 * i + c] = (unsigned char)((v + 127) / 255);
        }
    }
}

int CJPEG_decodeRGB(CJPEG_decoder *d, int scaleDenom, int x, int y, int w, int h,
                    unsigned char *canvas, int canvasWidth, int canvasHeight,
                    int *decodedX, int *decodedWidth) {
    unsigned char *volatile ink = NULL;
    if (setjmp(d->escape)) {
        free(ink);
        return d->status;
    }
    J_COLOR_SPACE in = d->info.jpeg_color_space;
    int cmyk = in == JCS_CMYK || in == JCS_YCCK;
    if (!cmyk && in != JCS_GRAYSCALE && in != JCS_RGB && in != JCS_YCbCr) {
        snprintf(d->message, sizeof d->message, "JPEG colour space %d is not supported here", (int)in);
        return CJPEG_unsupported;
    }
    d->info.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    d->info.scale_num = 1;
    d->info.scale_denom = (unsigned int)scaleDenom;
    jpeg_start_decompress(&d->info);
    d->started = 1;
    if ((int)d->info.output_width != canvasWidth || (int)d->info.output_height != canvasHeight
        || d->info.output_components != (cmyk ? 4 : 3)) {
        snprintf(d->message, sizeof d->message, "decoder output %ux%u does not match the planned %dx%d",
                 d->info.output_width, d->info.output_height, canvasWidth, canvasHeight);
        return CJPEG_error;
    }
    if (x < 0) { w += x; x = 0; }
    if (y < 0) { h += y; y = 0; }
    if (x + w > canvasWidth) w = canvasWidth - x;
    if (y + h > canvasHeight) h = canvasHeight - y;
    if (w <= 0 || h <= 0) { *decodedX = 0; *decodedWidth = 0; return CJPEG_ok; }
    JDIMENSION cx = (JDIMENSION)x, cw = (JDIMENSION)w;
    if (cx > 0 || cw < (JDIMENSION)canvasWidth) jpeg_crop_scanline(&d->info, &cx, &cw);
    *decodedX = (int)cx;
    *decodedWidth = (int)cw;
    if (y > 0) jpeg_skip_scanlines(&d->info, (JDIMENSION)y);
    if (cmyk) {
        ink = malloc((size_t)cw * 4);
        if (!ink) { snprintf(d->message, sizeof d->message, "out of memory"); return CJPEG_error; }
    }
    size_t stride = (size_t)canvasWidth * 3;
    while ((int)d->info.output_scanline < y + h) {
        unsigned char *row = canvas + (size_t)d->info.output_scanline * stride + (size_t)cx * 3;
        JSAMPROW target = cmyk ? ink : row;
        if (jpeg_read_scanlines(&d->info, &target, 1) != 1) break;
        if (cmyk) cmyk_to_rgb(ink, row, (int)cw);
    }
    free(ink);
    ink = NULL;
    if (d->truncated) {
        snprintf(d->message, sizeof d->message, "premature end of JPEG data (truncated file)");
        return CJPEG_truncated;
    }
    return CJPEG_ok;
}
