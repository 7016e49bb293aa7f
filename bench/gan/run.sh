#!/usr/bin/env bash
# Times GANCore's DCGAN against PyTorch in one run, same thread count, alternating
# the two so machine load hits both alike. Usage (from the repository root):
#   bench/gan/run.sh [THREADS] [ITERATIONS] [ROUNDS]
set -euo pipefail
THREADS=${1:-2}; ITERS=${2:-5}; ROUNDS=${3:-2}
OUT=bench/out/gan; mkdir -p "$OUT"
swift build -c release --product dman >/dev/null
echo "== sgemm peak (Debian OpenBLAS through GANCore.GEMM)"
.build/release/dman bench sgemm --threads "$THREADS"
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r: PyTorch"
  /usr/bin/time -v python3 bench/gan/bench_torch.py --threads "$THREADS" --iterations "$ITERS" \
    2> "$OUT/torch-$r.err" | tee "$OUT/torch-$r.out" | tail -1
  grep "Maximum resident" "$OUT/torch-$r.err"
  echo "== round $r: dman (GANCore)"
  /usr/bin/time -v .build/release/dman bench train --json --no-peak --threads "$THREADS" --iterations "$ITERS" \
    2> "$OUT/dman-$r.err" | tee "$OUT/dman-$r.out" | tail -1
  grep "Maximum resident" "$OUT/dman-$r.err"
done
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, sys, re
out, rounds = sys.argv[1], int(sys.argv[2])
def load(kind, r):
    j = json.loads(open(f"{out}/{kind}-{r}.out").readline())
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(f"{out}/{kind}-{r}.err").read()).group(1))
    return j, rss / 1024
tb, db = [], []
for r in range(1, rounds + 1):
    t, trss = load("torch", r); d, drss = load("dman", r)
    tb += t["iterationSeconds"]; db += d["iterationSeconds"]
    print(f"round {r}: dman {d['medianIterationSeconds']:.3f} s/it vs PyTorch {t['medianIterationSeconds']:.3f} s/it "
          f"-> ratio {d['medianIterationSeconds'] / t['medianIterationSeconds']:.2f}; "
          f"inference 100 images dman {d['inferenceSeconds']:.3f} s vs {t['inferenceSeconds']:.3f} s; "
          f"peak RSS dman {drss:.0f} MB vs PyTorch {trss:.0f} MB; "
          f"dman GEMM {d['gemmFlopsPerIteration'] / 1e9:.1f} GFLOP/it, {d['gemmFlopsPerIteration'] / d['gemmSecondsPerIteration'] / 1e9:.1f} GFLOP/s inside GEMM, "
          f"{d['gemmFlopsPerIteration'] / d['medianIterationSeconds'] / 1e9:.1f} GFLOP/s effective")
# Load from other processes only adds time, so the fastest iteration of each side
# is the best estimate of its unloaded speed.
print(f"fastest iteration over all rounds: dman {min(db):.3f} s vs PyTorch {min(tb):.3f} s -> ratio {min(db) / min(tb):.2f}")
PY
