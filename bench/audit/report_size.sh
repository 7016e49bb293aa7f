#!/usr/bin/env bash
# Report size and open time on an augmented neardup/ (issue 13, point 5).
# Usage: bash bench/audit/report_size.sh DMAN_BINARY NEARDUP_DIR
# Augments as the README does, audits with --dedupe --order balanced --report, then
# prints the page and thumbnail sizes and the time headless Chromium takes to load
# and screenshot the page (median of 3; Chromium start-up included, and measured
# alone on about:blank for reference).
set -euo pipefail
dman=$1; src=$2
work=$(mktemp -d /tmp/dman-report-size.XXXX)
cp "$src"/*.png "$src"/*.jpg "$work"/ 2>/dev/null || true
mkdir "$work/nd"; mv "$work"/*.png "$work"/*.jpg "$work/nd"/ 2>/dev/null || true
"$dman" augment "$work/nd" -o "$work/aug" --rotations ±5 --unsharp 0x1+1+0.05 --flip -q
"$dman" audit "$work/aug" --dedupe --order balanced --report "$work/report.html" | grep -E "^report:|moved"
echo "page: $(du -k "$work/report.html" | cut -f1) KB; thumbnails: $(ls "$work/report_files" | wc -l) files, $(du -sk "$work/report_files" | cut -f1) KB"
chrome=$(command -v chromium || command -v chromium-browser)
shot() { /usr/bin/time -f "%e" "$chrome" --headless --no-sandbox --disable-gpu --window-size=1200,2000 \
  --user-data-dir="$work/profile" --screenshot="$work/shot.png" "$1" 2>&1 >/dev/null | tail -1; }
for i in 1 2 3; do echo "blank $(shot about:blank) s; report $(shot "file://$work/report.html") s"; done
rm -rf "$work"
