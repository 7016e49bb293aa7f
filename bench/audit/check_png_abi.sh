#!/bin/sh
# Checks that Sources/CLibPNG/shim.h's hand-written png_image layout and
# constants match the system's <png.h> (run after a libpng upgrade).
# Usage: sh bench/audit/check_png_abi.sh   -> prints "png ABI ok" or fails.
set -e
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
cat > "$tmp/t.c" <<'C'
#include <png.h>
#include <stddef.h>
#include "shim.h"
_Static_assert(sizeof(png_image) == sizeof(CLibPNG_image), "size");
_Static_assert(offsetof(png_image, version) == offsetof(CLibPNG_image, version), "version");
_Static_assert(offsetof(png_image, format) == offsetof(CLibPNG_image, format), "format");
_Static_assert(offsetof(png_image, warning_or_error) == offsetof(CLibPNG_image, warning_or_error), "woe");
_Static_assert(offsetof(png_image, message) == offsetof(CLibPNG_image, message), "message");
_Static_assert(PNG_IMAGE_VERSION == 1 && PNG_FORMAT_RGB == 2 && PNG_FORMAT_RGBA == 3 && PNG_FORMAT_FLAG_ALPHA == 1, "flags");
int main(void) { return 0; }
C
# The shim's prototypes use CLibPNG_image*, png.h's use png_imagep: compile
# them in separate translation units is unnecessary; rename the shim's.
sed 's/png_image_/shim_png_image_/g' "$here/Sources/CLibPNG/shim.h" > "$tmp/shim.h"
cc $(pkg-config --cflags libpng) -I"$tmp" -o "$tmp/t" "$tmp/t.c" && "$tmp/t" && echo "png ABI ok"
rm -rf "$tmp"
