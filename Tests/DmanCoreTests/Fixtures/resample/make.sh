#!/bin/sh
# Goldens of DmanCore's Resampler (ResamplerTests), made in this folder with
# ImageMagick 6.9.11-60 Q16 (`convert`, Debian 12) and Pillow 9.4 (Debian's
# python3-pil, `/usr/bin/python3`). Deterministic; rerun to regenerate.
set -eu
# A 48×40 RGB input (non-square, so each axis is checked on its own).
convert -seed 11 -size 48x40 plasma:fractal -blur 0x1 -strip -define png:exclude-chunks=date,time PNG24:in.png
# ImageMagick: whole-picture resizes (down, up, mixed) and a cropped window.
convert in.png -filter Lanczos -resize '20x17!' -strip PNG24:lanczos-20x17.png
convert in.png -filter Lanczos -resize '70x61!' -strip PNG24:lanczos-70x61.png
convert in.png -filter Lanczos -resize '64x24!' -strip PNG24:lanczos-64x24.png
convert in.png -crop 30x30+7+5 +repage -filter Lanczos -resize '16x16!' -strip PNG24:window-30+7+5-lanczos-16.png
convert in.png -filter Triangle -resize '20x17!' -strip PNG24:triangle-20x17.png
# Pillow: the mode-L plane of in.png, and its resizes with each filter.
/usr/bin/python3 - <<'PY'
from PIL import Image
gray = Image.open("in.png").convert("L")
gray.save("gray.png")
filters = {"lanczos": Image.Resampling.LANCZOS, "bicubic": Image.Resampling.BICUBIC,
           "box": Image.Resampling.BOX, "bilinear": Image.Resampling.BILINEAR}
for name, f in filters.items():
    for w, h in [(17, 13), (9, 8), (32, 32), (75, 50)]:
        gray.resize((w, h), f).save(f"pil-{name}-{w}x{h}.png")
PY
