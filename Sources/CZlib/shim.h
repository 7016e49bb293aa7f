#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H

// The three zlib functions dman's PNG writer needs, declared by hand instead
// of `#include <zlib.h>`, for the reason CLibPNG/shim.h gives: a second C
// module that includes glibc headers beside CMagickWand makes Swift reject
// DmanCore ("'fd_set' has different definitions in different modules").
// They use only built-in C types and copy zlib's stable ABI (uLong =
// unsigned long, uInt = unsigned int, Bytef = unsigned char);
// `bench/augment/check_zlib_abi.sh` compiles them against the real zlib.h,
// which rejects any mismatch as a conflicting declaration.

int compress2(unsigned char *dest, unsigned long *destLen, const unsigned char *source,
              unsigned long sourceLen, int level);
unsigned long compressBound(unsigned long sourceLen);
unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len);

#endif
