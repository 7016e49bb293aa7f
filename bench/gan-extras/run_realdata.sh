#!/usr/bin/env bash
# Real-data figures for the issue-6 extras: SWD (Swift vs the NumPy reference,
# value and time in the same run), mode count and memorisation on a folder of
# equal-size PNGs (default: the 64x64 sprite set from ../shared/data/make_sets.sh).
#   bash bench/gan-extras/run_realdata.sh [/work/wt/_data/gan64] [out-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/work/wt/_data/gan64}
OUT=${2:-/tmp/gan-extras-bench}
mkdir -p "$OUT"
python3 bench/gan-extras/swd_reference.py --dir "$DATA" > "$OUT/swd_numpy.json"
cat "$OUT/swd_numpy.json"
swift build -c release --build-tests >/dev/null
DMAN_EXTRAS_DATA="$DATA" DMAN_EXTRAS_SWD_REF="$OUT/swd_numpy.json" DMAN_EXTRAS_OUT="$OUT" \
  swift test -c release --skip-build --filter 'RealDataTests' 2>&1 | grep -E 'swift SWD|numpy SWD|memorisation|mode count|✘|passed|failed'
echo "grid: $OUT/nearest-heldout.png"
