#!/bin/sh
# Makes the JPEG fixtures of DmanCoreTests (ImageMagick 6.9 `convert` and Pillow on Debian 12).
# Deterministic: plasma is seeded; rerunning gives the same bytes.
set -e
cd "$(dirname "$0")"
IM="/usr/bin/convert"
# 203x149 textured source (odd sizes: partial 8x8/16x16 blocks at the right and bottom edges).
$IM -seed 7 -size 203x149 plasma:'#d08030-#3060c0' -depth 8 -strip PNG24:/tmp/dman-jpeg-src.png
$IM /tmp/dman-jpeg-src.png -strip -quality 90 -sampling-factor 2x2 q90-420.jpg
$IM /tmp/dman-jpeg-src.png -strip -quality 90 -sampling-factor 2x1 q90-422.jpg
$IM /tmp/dman-jpeg-src.png -strip -quality 95 -sampling-factor 1x1 q95-444.jpg
$IM /tmp/dman-jpeg-src.png -strip -quality 90 -interlace JPEG progressive.jpg
$IM /tmp/dman-jpeg-src.png -strip -quality 90 -colorspace Gray gray.jpg
$IM /tmp/dman-jpeg-src.png -strip -quality 90 -colorspace CMYK cmyk.jpg
# EXIF orientations 1-8 of a 40x24 textured picture: stored pixels are the upright
# picture transformed by the inverse of the orientation (as hostile/make.py in CropTests).
python3 - <<'PY'
from PIL import Image
up = Image.open("/tmp/dman-jpeg-src.png").convert("RGB").crop((10, 20, 50, 44))
inverse = {1: None, 2: Image.FLIP_LEFT_RIGHT, 3: Image.ROTATE_180, 4: Image.FLIP_TOP_BOTTOM,
           5: Image.TRANSPOSE, 6: Image.ROTATE_90, 7: Image.TRANSVERSE, 8: Image.ROTATE_270}
for k, op in inverse.items():
    stored = up if op is None else up.transpose(op)
    exif = Image.Exif(); exif[0x0112] = k
    stored.save(f"orient-{k}.jpg", quality=95, exif=exif.tobytes())
PY
rm -f /tmp/dman-jpeg-src.png
