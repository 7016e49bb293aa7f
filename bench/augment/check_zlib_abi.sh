#!/bin/sh
# Checks that Sources/CZlib/shim.h's hand-written prototypes, stream struct
# and constants match the system's <zlib.h> (run after a zlib upgrade).
# C accepts a function declared twice only when both declarations agree, so
# compiling zlib.h and the shim together checks the prototypes (the shim's
# struct is renamed for that); static asserts check the struct and constants.
# Usage: sh bench/augment/check_zlib_abi.sh -> "zlib ABI ok".
set -e
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
sed 's/CZlib_stream \*strm/z_stream *strm/' "$here/Sources/CZlib/shim.h" > "$tmp/shim.h"
cat > "$tmp/t.c" <<'C'
#include <zlib.h>
#include <stddef.h>
#include "shim.h"
#define SAME(f) _Static_assert(offsetof(z_stream, f) == offsetof(CZlib_stream, f), #f)
_Static_assert(sizeof(z_stream) == sizeof(CZlib_stream), "size");
SAME(next_in); SAME(avail_in); SAME(total_in); SAME(next_out); SAME(avail_out); SAME(total_out);
SAME(msg); SAME(state); SAME(zalloc); SAME(zfree); SAME(opaque); SAME(data_type); SAME(adler); SAME(reserved);
_Static_assert(Z_DEFLATED == 8 && Z_FINISH == 4 && Z_STREAM_END == 1 && Z_RLE == 3 && Z_DEFAULT_STRATEGY == 0, "constants");
int main(void) { return deflateBound(0, 1) > 0 ? 0 : 1; }
C
cc -Werror -o "$tmp/t" "$tmp/t.c" -lz && "$tmp/t" && echo "zlib ABI ok"
rm -rf "$tmp"
