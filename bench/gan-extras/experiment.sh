#!/usr/bin/env bash
# Issue-6 experiment: plain DCGAN vs --diffaugment vs --diffaugment --ema on the
# real sprite set, same seed and iteration budget; then `dman eval` on each run
# (SWD per level, modes, memorisation). Budget: ~25 min on a shared 2-core machine
# (200 iterations ≈ 4 min unloaded, ≈ 9 min at load 8).
#   bash bench/gan-extras/experiment.sh [DATA] [OUT] [ITERATIONS] [train|eval|all]
# DMAN=path/to/dman overrides the binary (default .build/release/dman).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/work/wt/_data/gan64}
OUT=${2:-/tmp/gan-experiment}
ITER=${3:-200}
STAGE=${4:-all}
DMAN=${DMAN:-.build/release/dman}
COMMON=(--size 64 --batch 32 --gf 32 --df 32 --seed 1 --threads 2 --iterations "$ITER"
        --epochs 1000 --sample-every 200 --checkpoint-every 200 --keep-checkpoints 0)
mkdir -p "$OUT"
declare -A FLAGS=(
  [plain]=""
  [diffaugment]="--diffaugment color,translation,cutout"
  [diffaugment-ema]="--diffaugment color,translation,cutout --ema 0.999"
)
for name in plain diffaugment diffaugment-ema; do
  done_ckpt=$(printf '%s/%s/checkpoints/step-%08d.safetensors' "$OUT" "$name" "$ITER")
  if [[ -e $done_ckpt ]]; then
    echo "== $name already has $done_ckpt (a rerun would train $ITER more): skipped"
  elif [[ $STAGE != eval ]]; then
    echo "== train $name"
    # shellcheck disable=SC2086
    /usr/bin/time -f "$name: %e s wall" "$DMAN" train "$DATA" -o "$OUT/$name" "${COMMON[@]}" ${FLAGS[$name]} \
      2>&1 | grep -v '^\s*$' | tail -4
  fi
done
if [[ $STAGE != train ]]; then
  for name in plain diffaugment diffaugment-ema; do
    echo "== eval $name"
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
