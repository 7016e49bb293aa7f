#!/bin/sh
# Checks that Sources/CZlib/shim.h's hand-written prototypes match the
# system's <zlib.h> (run after a zlib upgrade). C accepts a function declared
# twice only when both declarations agree, so compiling zlib.h and the shim
# together is the check. Usage: sh bench/augment/check_zlib_abi.sh -> "zlib ABI ok".
set -e
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
printf '#include <zlib.h>\n#include "%s/Sources/CZlib/shim.h"\nint main(void) { return compressBound(1) > 0 ? 0 : 1; }\n' "$here" > "$tmp/t.c"
cc -Werror -o "$tmp/t" "$tmp/t.c" -lz && "$tmp/t" && echo "zlib ABI ok"
rm -rf "$tmp"
