#!/usr/bin/env bash
# Issue-6 experiment: plain DCGAN vs --diffaugment vs --diffaugment --ema on the
# real sprite set, same seed and iteration budget; then `dman eval` on every
# kept checkpoint of each run (SWD per level, modes, memorisation).
#   bash bench/gan-extras/experiment.sh [SPRITES] [OUT] [ITERATIONS] [train|eval|all]
# SPRITES: the 64×64 sprites make_sets.sh builds (gan64/, 338 of them); the
# experiment trains on a fixed random 200 of them (Python's random.Random(0)),
# the "about 200 images" the issue names: with fewer images D overfits sooner,
# which is the regime DiffAugment is for (plain DCGAN collapses between 1200
# and 1500 iterations here). Budget: ~30 min on an idle 2-core machine.
# DMAN=path/to/dman overrides the binary (default .build/release/dman).
# Reruns resume: a run whose final checkpoint exists is skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
SPRITES=${1:-/work/wt/_data/gan64}
OUT=${2:-/tmp/gan-experiment}
ITER=${3:-1500}
STAGE=${4:-all}
DMAN=${DMAN:-.build/release/dman}
DATA="$OUT/data"
COMMON=(--size 64 --batch 32 --gf 32 --df 32 --seed 1 --threads 1 --iterations "$ITER"
        --epochs 100000 --sample-every 300 --checkpoint-every 300 --keep-checkpoints 0)
mkdir -p "$OUT"
if [[ ! -d $DATA ]]; then
  python3 - "$SPRITES" "$DATA" <<'PY'
import os, random, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
names = sorted(f for f in os.listdir(src) if f.endswith(".png"))
os.makedirs(dst + ".partial", exist_ok=True)
for n in sorted(random.Random(0).sample(names, min(200, len(names)))):
    shutil.copy(os.path.join(src, n), os.path.join(dst + ".partial", n))
os.rename(dst + ".partial", dst)
print(f"training set: {len(os.listdir(dst))} of {len(names)} sprites in {dst}")
PY
fi
declare -A FLAGS=(
  [plain]="--recipe dcgan"
  [diffaugment]="--recipe dcgan --diffaugment color,translation,cutout"
  [diffaugment-ema]="--recipe dcgan --diffaugment color,translation,cutout --ema 0.999"
)
RUNS=(plain diffaugment diffaugment-ema)
# The three runs train side by side with one thread each: at this width the
# GEMMs are small, and two OpenBLAS threads spend ~14 % of the time in
# sched_yield (perf); three single-threaded processes on 2 cores finish the
# same work ~25 % sooner than three 2-thread runs one after another.
if [[ $STAGE != eval ]]; then
  start=$(date +%s)
  for name in "${RUNS[@]}"; do
    done_ckpt=$(printf '%s/%s/checkpoints/step-%08d.safetensors' "$OUT" "$name" "$ITER")
    if [[ -e $done_ckpt ]]; then echo "== $name already has $done_ckpt: skipped"; continue; fi
    echo "== train $name"
    # shellcheck disable=SC2086
    /usr/bin/time -f "$name: %e s wall, %U s user" "$DMAN" train "$DATA" -o "$OUT/$name" "${COMMON[@]}" ${FLAGS[$name]} \
      > "$OUT/$name.train.log" 2>&1 &
  done
  wait
  for name in "${RUNS[@]}"; do [[ -e $OUT/$name.train.log ]] && grep -v '^\s*$' "$OUT/$name.train.log" | tail -3; done
  echo "== training wall time, all runs: $(( $(date +%s) - start )) s"
fi
if [[ $STAGE != train ]]; then
  for name in "${RUNS[@]}"; do
    echo "== eval $name ($(awk -F, 'NR > 1 { s += $8 } END { printf "%.0f s of training iterations", s }' "$OUT/$name/losses.csv"))"
    "$DMAN" eval "$OUT/$name" "$DATA" --checkpoints all --count 256 --seed 7 --jobs 2 --json > "$OUT/$name.eval.json"
    python3 - "$OUT/$name.eval.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    m = r["modes"]
    print(f"step {r['step']}: SWD per level {[round(x, 2) for x in r['swdPerLevel']]} avg {r['swdAverage']:.2f}; "
          f"modes {m['fakeModes']}/{m['fakeCount']} vs data {m['realModes']}/{m['realCount']}; memorised {r['memorisedFraction']:.3f}")
PY
    echo "grid: $OUT/$name/samples/$(ls "$OUT/$name/samples" | tail -1)"
  done
fi
