#!/usr/bin/env bash
# Issue-12 experiment: dman's recipes at EQUAL WALL-CLOCK on the real sprite set.
#   bash bench/gan-quality/run.sh OUT BUDGET "SEEDS" RECIPE...
# For each seed S (/work/data/seed-S/gan64, 338 sprites at 64 px; NOTE: make_sets.sh
# builds gan64 identically for every SEED, so S varies the training seed only), every RECIPE trains at the same time as the others (one thread each,
# `nice -n 5`), each for `--time-limit BUDGET`, at 32 px (`--resize`), batch 64,
# gf = df = WIDTH (default 32), training --seed S (TRAIN_SEED overrides it); then `dman eval RUN gan64
# --count 256 --seed 7` (SWD ×10³ per level and average, pHash modes of 256
# generated vs 256 real, memorised fraction of 64 samples).
# RECIPE names are keys of FLAGS below (each names its base recipe: fewshot is dman train's default), or `torch`: pytorch/examples' DCGAN (torch_dcgan.py, 5x5
# kernels, width 64, one thread), scored with `dman eval SAMPLES DATA --images` on the same reals.
# SIZE (32 or 64) is the training size; SET the data folder under seed-S/ (gan64, or portraits64 made
# by `dman crop seed-S/sources/coco.json -o seed-S/portraits64 --size 64`); DATA_SEED fixes the set's seed. Results: OUT/S/<recipe>.eval.json and
# one TSV line per run in OUT/results.tsv.
# DMAN=path overrides the binary (default .build/release/dman); DATA_ROOT the
# folder holding seed-S/ (default /work/data); WIDTH the networks' width.
set -euo pipefail
cd "$(dirname "$0")/../.."
# A user's machine does not pin OpenBLAS's kernels; this machine's sessions set OPENBLAS_CORETYPE=Haswell
# (AVX2 kernels on an AVX-512 CPU: 1.35x fewer dman iterations in the same time), while PyTorch uses
# its own AVX-512 kernels whatever the variable says. So the variable is cleared unless KEEP_CORETYPE=1,
# and GANCore then picks SKYLAKEX itself (bench/gan/README.md).
[[ ${KEEP_CORETYPE:-0} == 1 ]] || unset OPENBLAS_CORETYPE
echo "== OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
OUT=$1; BUDGET=$2; SEEDS=$3; shift 3
RECIPES=("$@")
DMAN=${DMAN:-.build/release/dman}
DATA_ROOT=${DATA_ROOT:-/work/data}
WIDTH=${WIDTH:-32}
SIZE=${SIZE:-32}
SET=${SET:-gan64}
# "90s", "20m", "2h" -> seconds (the same spellings as dman's --time-limit).
budget_seconds() { local b=$1; case $b in *h) echo $(( ${b%h} * 3600 ));; *m) echo $(( ${b%m} * 60 ));; *s) echo "${b%s}";; *) echo "$b";; esac; }
declare -A FLAGS=(
  [dcgan]="--recipe dcgan"
  [daema]="--recipe dcgan --diffaugment translation,cutout --ema 0.999"
  [fs]="--recipe dcgan --diffaugment translation,cutout --ema 0.999 --loss hinge --g-steps 1 --lr-g 1e-4 --lr-d 4e-4 --z-dist normal"
  [fsnottur]="--recipe dcgan --diffaugment translation,cutout --ema 0.999 --loss hinge --g-steps 1 --z-dist normal"
  [fsada]="--recipe dcgan --diffaugment translation,cutout --ema 0.999 --loss hinge --g-steps 1 --lr-g 1e-4 --lr-d 4e-4 --z-dist normal --ada-target 0.6"
  [da]="--recipe dcgan --diffaugment translation,cutout"
  [dacolorema]="--recipe dcgan --diffaugment color,translation,cutout --ema 0.999"
  [dag1]="--recipe dcgan --diffaugment translation,cutout --ema 0.999 --g-steps 1"
  [fsbce]="--recipe dcgan --diffaugment translation,cutout --ema 0.999 --g-steps 1 --lr-g 1e-4 --lr-d 4e-4 --z-dist normal"
  [recipe]="--recipe fewshot"
  [recipecolor]="--recipe fewshot --diffaugment color,translation,cutout"
  [recipe48]="--recipe fewshot --gf 48 --df 48"
  [recipeema995]="--recipe fewshot --ema 0.995"
  [fastgan]="--recipe fewshot --arch fastgan"
  [fastganhinge]="--recipe fewshot --arch fastgan --loss hinge"
  [fastgannearest]="--recipe fewshot --arch fastgan --g-upsample nearest"
  [r1g001]="--recipe fewshot --r1 0.01"
  [r1g01]="--recipe fewshot --r1 0.1"
  [r1g1]="--recipe fewshot --r1 1"
)
COMMON=(--size "$SIZE" --resize --batch 64 --gf "$WIDTH" --df "$WIDTH" --threads 1 --time-limit "$BUDGET"
        --sample-every 0 --checkpoint-every 0 --quiet)
# Fail before any training when the reference side cannot start (a side that dies at once would leave
# the other training alone on the machine, and the comparison would not be side by side).
if [[ " ${RECIPES[*]} " == *" torch "* ]]; then
  python3 -c "import torch, numpy, PIL" || { echo "run.sh: the torch side needs python3 with torch, numpy and pillow" >&2; exit 1; }
fi
mkdir -p "$OUT"
for S in $SEEDS; do
  DATA="$DATA_ROOT/seed-${DATA_SEED:-$S}/$SET"
  mkdir -p "$OUT/$S"
  # Both sides are scored on the same number of images: 256, or the whole set when it is smaller.
  COUNT=$(find "$DATA" -maxdepth 1 -name '*.png' | wc -l); (( COUNT > 256 )) && COUNT=256
  start=$(date +%s)
  for r in "${RECIPES[@]}"; do
    [[ -e $OUT/$S/$r/checkpoints || -e $OUT/$S/$r/run.json ]] && { echo "== $S/$r exists: skipped"; continue; }
    if [[ $r == torch ]]; then   # the reference: pytorch/examples' DCGAN, 5x5 kernels, width 64
      nice -n 5 /usr/bin/time -f "%e s wall, %U s user, %M KB max RSS" python3 bench/gan-quality/torch_dcgan.py \
        "$DATA" "$OUT/$S/$r" --size "$SIZE" --time-limit "$(budget_seconds "$BUDGET")" --seed "${TRAIN_SEED:-$S}" \
        > "$OUT/$S/$r.train.log" 2>&1 &
      continue
    fi
    # shellcheck disable=SC2086
    nice -n 5 /usr/bin/time -f "%e s wall, %U s user, %M KB max RSS" "$DMAN" train "$DATA" -o "$OUT/$S/$r" "${COMMON[@]}" \
      --seed "${TRAIN_SEED:-$S}" ${FLAGS[$r]} \
      > "$OUT/$S/$r.train.log" 2>&1 &
  done
  wait
  echo "== seed $S: training wall $(( $(date +%s) - start )) s for ${#RECIPES[@]} runs side by side"
  for r in "${RECIPES[@]}"; do
    if [[ $r == torch ]]; then
      nice -n 5 "$DMAN" eval "$OUT/$S/$r/samples" "$DATA" --images --count "$COUNT" --resize --size "$SIZE" --seed 7 --jobs 1 --json \
        > "$OUT/$S/$r.eval.json" 2> "$OUT/$S/$r.eval.err"
    else
      nice -n 5 "$DMAN" eval "$OUT/$S/$r" "$DATA" --count "$COUNT" --seed 7 --jobs 1 --json > "$OUT/$S/$r.eval.json" 2> "$OUT/$S/$r.eval.err"
    fi
    python3 - "$OUT/$S/$r.eval.json" "$S" "$r" "$OUT/$S/$r.train.log" >> "$OUT/results.tsv" <<'PY'
import json, sys
row = json.load(open(sys.argv[1]))[0]
m = row["modes"]
log = open(sys.argv[4]).read().strip().splitlines()
print("\t".join([sys.argv[2], sys.argv[3], str(row["step"]), " ".join(f"{x:.2f}" for x in row["swdPerLevel"]),
                 f"{row['swdAverage']:.2f}", str(m["fakeModes"]), str(m["realModes"]), f"{row['memorisedFraction']:.3f}", log[-1]]))
PY
    tail -1 "$OUT/results.tsv"
  done
done
