#!/usr/bin/env bash
# Seeded random-mutation fuzzing of every crop manifest parser and the
# dataset.json reader (issue 8). Usage:
#
#     bash bench/fuzz/run.sh [ITERATIONS per target, default 20000] [SEED, default 1]
#
# Builds the driver (a separate package depending on the repository by path),
# runs each target for ITERATIONS mutated inputs, and prints iterations and
# crashes per target. A crashing input is saved under bench/fuzz/crashes/
# (TARGET-SEED-ITERATION.bin) and the run resumes after it. Same seed, same inputs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
iterations="${1:-20000}"
seed="${2:-1}"
cd "$here"
swift build -c release --product manifest-fuzz >/dev/null
bin="$(swift build -c release --show-bin-path)/manifest-fuzz"
mkdir -p crashes
total_crashes=0
printf '%-12s %10s %8s %8s\n' target iterations crashes seconds
for target in native coco voc yolo createml labelstudio dataset; do
    rm -f crashes/"$target-$seed-"*.bin
    start=0; crashes=0; t0=$(date +%s.%N)
    while [ "$start" -lt "$iterations" ]; do
        set +e
        "$bin" "$target" "$iterations" "$seed" corpus crashes "$start" >/dev/null
        rc=$?
        set -e
        if [ "$rc" -eq 99 ]; then
            crashes=$((crashes + 1))
            last=$(ls crashes | sed -n "s/^$target-$seed-\([0-9]*\)\.bin$/\1/p" | sort -n | tail -1)
            echo "crash: $target iteration $last -> bench/fuzz/crashes/$target-$seed-$last.bin" >&2
            start=$((last + 1))
        elif [ "$rc" -ne 0 ]; then
            echo "driver failed ($rc) on $target" >&2; exit 1
        else
            start=$iterations
        fi
    done
    t1=$(date +%s.%N)
    printf '%-12s %10d %8d %8.1f\n' "$target" "$iterations" "$crashes" "$(echo "$t1 - $t0" | bc)"
    total_crashes=$((total_crashes + crashes))
done
echo "total crashes: $total_crashes (seed $seed)"
