#!/usr/bin/env bash
# Speed benchmark of dman audit's hashing and near-duplicate search against
# Python imagehash (2-process pool) + a Python pair loop, in the same run.
#
#   bash bench/audit/speed.sh [TILES_DIR]
#
# TILES_DIR defaults to bench/out/tiles10k, made (once) from the realistic
# source pictures with:
#   python3 bench/audit/make_tiles.py /work/wt/_data/sources bench/out/tiles10k 10000 1
# The machine is shared, so wall time swings with other people's builds.
# Each side is measured in 2 rounds, interleaved (dman alternates
# decode-only and end-to-end twice per round); the summary keeps the best
# wall time of each and also reports CPU seconds (user+system, all threads or
# pool workers), whose ratio at equal cores is far less sensitive to load.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tiles=${1:-$root/bench/out/tiles10k}
out=$root/bench/out
mkdir -p "$out"
ln -sfn ../.. "$out/dman"
# SwiftPM caches a path dependency's file list: start the driver's build
# afresh so files added to DatasetAudit are seen.
rm -rf "$root/bench/audit/swift/.build"
(cd "$root/bench/audit/swift" && swift build -c release >/dev/null)
(cd "$root" && swift build -c release --product dman >/dev/null)
bench=$root/bench/audit/swift/.build/release/audit-bench
dman=$root/.build/release/dman
log=$out/speed-$(date +%Y%m%d-%H%M%S).jsonl
: > "$log"
for round in 1 2; do
  echo "{\"round\":$round,\"imagehash\":$(python3 "$root/bench/audit/speed_reference.py" "$tiles" 10 2)}" >> "$log"
  echo "{\"round\":$round,\"hash\":$($bench hash "$tiles" 2 2)}" >> "$log"
  echo "{\"round\":$round,\"cv2_decode\":$(python3 "$root/bench/ceilings.py" decode "$tiles" 2)}" >> "$log"
  rm -f "$tiles/.dman-audit-cache.json"
  s=$(date +%s.%N)
  "$dman" audit "$tiles" --checks exact_duplicates,near_duplicates --no-cache --json --jobs 2 > /dev/null
  e=$(date +%s.%N)
  echo "{\"round\":$round,\"cli_seconds\":$(echo "$e - $s" | bc)}" >> "$log"
done
echo "{\"search10k\":$($bench pairs 10000 10 2)}" >> "$log"
/usr/bin/time -v "$bench" pairs 1000000 8 2 > "$out/million.json" 2> "$out/million.time"
rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' "$out/million.time")
echo "{\"million\":$(cat "$out/million.json"),\"max_rss_kb\":$rss}" >> "$log"
echo "{\"cutover\":$($bench cutover 8 2)}" >> "$log"
"$dman" audit "$tiles" --checks near_duplicates --quiet --jobs 2   # writes the cache read below
echo "{\"realsearch\":$($bench pairsreal "$tiles/.dman-audit-cache.json" 10 2)}" >> "$log"
python3 "$root/bench/audit/speed_summary.py" "$log"
