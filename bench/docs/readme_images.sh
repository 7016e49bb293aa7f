#!/usr/bin/env bash
# Makes the small pictures README.md shows, from a `dman demo` output folder:
#
#   .build/release/dman demo -o demo-out && bash bench/docs/readme_images.sh demo-out
#
# Needs ImageMagick 6 (`convert`, `montage`) and, for the audit report, chromium.
set -euo pipefail
D=${1:?usage: readme_images.sh DEMO_OUT}
OUT=$(dirname "$0")/../../docs/images
mkdir -p "$OUT"
PNG="-strip -define png:exclude-chunks=date,time"
montage "$D"/sources/pic_00[0-5].png -geometry 120x120+2+2 -tile 6x -background '#202020' $PNG "$OUT/sources.png"
montage $(ls "$D"/crops/*.png | head -12) -geometry 64x64+2+2 -tile 12x -background "#202020" $PNG "$OUT/crops.png"
convert "$D/augment-preview.png" $PNG "$OUT/augment-preview.png"  # full size: the variant labels are 3×5 px
chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --window-size=1000,1300 \
  --screenshot=/tmp/dman-report.png "file://$(cd "$D" && pwd)/audit-report.html" >/dev/null 2>&1
convert /tmp/dman-report.png -crop 1000x1300+0+0 -resize 50% $PNG "$OUT/audit-report.png"
last=$(ls "$D"/run/samples/*.png | tail -1)
convert "$last" $PNG "$OUT/samples.png"
convert "$D/run/loss-curve.png" $PNG "$OUT/loss-curve.png"  # full size: its tick labels are 6×10 px
convert "$D/generated/grid.png" $PNG "$OUT/generated.png"
MADE="$OUT/sources.png $OUT/crops.png $OUT/augment-preview.png $OUT/audit-report.png $OUT/samples.png $OUT/loss-curve.png $OUT/generated.png"
du -ch $MADE | tail -1
# Keep the repository small: 128-colour palettes are plenty for a README.
# Only the pictures made here: the others (label and review pages, the padding sheet) come from their own scripts.
for f in $MADE; do convert "$f" -colors 128 $PNG "PNG8:$f"; done
du -ch $MADE | tail -1
