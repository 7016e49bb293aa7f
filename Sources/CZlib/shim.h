#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H

// The zlib functions dman's PNG writer needs, declared by hand instead of
// `#include <zlib.h>`, for the reason CLibPNG/shim.h gives: a second C
// module that includes glibc headers beside CMagickWand makes Swift reject
// DmanCore ("'fd_set' has different definitions in different modules").
// They use only built-in C types and copy zlib's stable ABI (uLong =
// unsigned long, uInt = unsigned int, Bytef = unsigned char, z_stream's
// layout); `bench/augment/check_zlib_abi.sh` compiles them against the real
// zlib.h, which rejects any mismatch as a conflicting declaration, and
// checks the struct's size and offsets.

typedef struct {
    const unsigned char *next_in;
    unsigned int avail_in;
    unsigned long total_in;
    unsigned char *next_out;
    unsigned int avail_out;
    unsigned long total_out;
    const char *msg;
    void *state;
    void *zalloc;    // NULL: zlib's malloc
    void *zfree;     // NULL: zlib's free
    void *opaque;
    int data_type;
    unsigned long adler;
    unsigned long reserved;
} CZlib_stream;

const char *zlibVersion(void);
int deflateInit2_(CZlib_stream *strm, int level, int method, int windowBits, int memLevel,
                  int strategy, const char *version, int stream_size);
int deflate(CZlib_stream *strm, int flush);
int deflateEnd(CZlib_stream *strm);
unsigned long deflateBound(CZlib_stream *strm, unsigned long sourceLen);
unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);

// Values of zlib.h's macros (not imported into Swift).
static const int CZlib_deflated = 8;      // Z_DEFLATED
static const int CZlib_finish = 4;        // Z_FINISH
static const int CZlib_streamEnd = 1;     // Z_STREAM_END
static const int CZlib_rle = 3;           // Z_RLE
static const int CZlib_defaultStrategy = 0;

#endif
