#!/usr/bin/env bash
# Side-by-side grids: dman's final sample grid | 64 PyTorch samples, per seed, titled.
#   bash bench/gan-quality/grids.sh OUT "TITLE" 33 44 55   (writes OUT/compare.png; needs ImageMagick)
# RECIPE names the dman side (default recipe), SIZE the sample size in px (default 32), LABEL its caption.
set -euo pipefail
OUT=$1; TITLE=$2; shift 2
RECIPE=${RECIPE:-recipe}; SIZE=${SIZE:-32}; LABEL=${LABEL:-dman --recipe fewshot}; GRID=$(( SIZE * 8 + 16 ))
tiles=()
for S in "$@"; do
  d=$(ls "$OUT/$S/$RECIPE/samples/"step-*.png | tail -1)
  montage $(ls "$OUT/$S/torch/samples/"*.png | head -64) -tile 8x -geometry "${SIZE}x${SIZE}+1+1" -background '#202020' "$OUT/$S/torch-grid.png"
  convert "$d" -resize "${GRID}x${GRID}" "$OUT/$S/dman-grid.png"
  convert "$OUT/$S/torch-grid.png" -resize "${GRID}x${GRID}" "$OUT/$S/torch-grid.png"
  tiles+=(-label "seed $S: $LABEL" "$OUT/$S/dman-grid.png" -label "seed $S: PyTorch DCGAN" "$OUT/$S/torch-grid.png")
done
montage "${tiles[@]}" -tile 2x -geometry +6+6 -pointsize 14 -title "$TITLE" -background white "$OUT/compare.png"
echo "$OUT/compare.png"
