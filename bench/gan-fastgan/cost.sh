#!/usr/bin/env bash
# Peak RSS and CPU per iteration of FastGAN (`--arch fastgan`) against carpedm20's DCGAN (issue 12).
#   bash bench/gan-fastgan/cost.sh OUT [SIZE WIDTH ITER_A ITER_B]
# For each recipe below, interleaved, ROUNDS times: `dman train gan64 --iterations ITER_A` and
# `--iterations ITER_B` (batch 64, one thread, no samples/checkpoints until the end), timed by
# /usr/bin/time. CPU per iteration = (user_B − user_A) / (ITER_B − ITER_A), so loading and the
# final checkpoint/eval cancel; peak RSS is the larger run's max RSS. Defaults: 64 px, width 64, 2 and 6.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ ${KEEP_CORETYPE:-0} == 1 ]] || unset OPENBLAS_CORETYPE
OUT=$1; SIZE=${2:-64}; WIDTH=${3:-64}; A=${4:-2}; B=${5:-6}; ROUNDS=${ROUNDS:-2}
DMAN=${DMAN:-.build/release/dman}
DATA=${DATA:-/work/data/seed-44/gan64}
declare -A FLAGS=(
  [dcgan]="--recipe dcgan"
  [fewshot]="--recipe fewshot"
  [fastgan]="--recipe fewshot --arch fastgan"
  [fastgan-nearest]="--recipe fewshot --arch fastgan --g-upsample nearest"
)
ORDER=(dcgan fewshot fastgan fastgan-nearest)
mkdir -p "$OUT"
: > "$OUT/cost.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for r in "${ORDER[@]}"; do
    for n in "$A" "$B"; do
      # shellcheck disable=SC2086
      /usr/bin/time -f "%U %M" -o "$OUT/time.txt" "$DMAN" train "$DATA" -o "$OUT/run-$r-$n-$round" --size "$SIZE" --resize \
        --batch 64 --gf "$WIDTH" --df "$WIDTH" --threads 1 --iterations "$n" --sample-every 0 --checkpoint-every 0 \
        --no-mode-check --quiet ${FLAGS[$r]} > /dev/null 2>&1
      echo -e "$round\t$r\t$n\t$(cat "$OUT/time.txt")" >> "$OUT/cost.tsv"
      rm -rf "$OUT/run-$r-$n-$round"
    done
  done
done
python3 - "$OUT/cost.tsv" "$A" "$B" <<'PY'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
a, b = int(sys.argv[2]), int(sys.argv[3])
per, rss = {}, {}
for rnd in {r[0] for r in rows}:
    for name in dict.fromkeys(r[1] for r in rows):
        t = {int(r[2]): r[3].split() for r in rows if r[0] == rnd and r[1] == name}
        per.setdefault(name, []).append((float(t[b][0]) - float(t[a][0])) / (b - a))
        rss.setdefault(name, []).append(int(t[b][1]))
base_t, base_m = statistics.median(per["dcgan"]), max(rss["dcgan"])
print("| recipe | CPU s / iteration (median of %d) | × dcgan | peak RSS MB | × dcgan |" % len(per["dcgan"]))
print("|---|---|---|---|---|")
for name in per:
    t, m = statistics.median(per[name]), max(rss[name])
    print(f"| {name} | {t:.2f} | {t / base_t:.2f} | {m / 1024:.0f} | {m / base_m:.2f} |")
PY
