#!/usr/bin/env python3
"""Summarises a speed.sh log (JSON lines) into the ratios the targets name."""
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
best = lambda key, field, f=max: f(r[key][field] for r in rows if key in r)
n = next(r["hash"]["files"] for r in rows if "hash" in r)
ih = best("imagehash", "hash_per_second")
ih_cpu = min(r["imagehash"]["hash_cpu_seconds"] for r in rows if "imagehash" in r)
dec_w = min(x["wall"] for r in rows if "hash" in r for x in r["hash"]["decode"])
dec_c = min(x["cpu"] for r in rows if "hash" in r for x in r["hash"]["decode"])
e2e_w = min(x["wall"] for r in rows if "hash" in r for x in r["hash"]["end_to_end"])
e2e_c = min(x["cpu"] for r in rows if "hash" in r for x in r["hash"]["end_to_end"])
dec, e2e = n / dec_w, n / e2e_w
cli = min(r["cli_seconds"] for r in rows if "cli_seconds" in r)
loop = best("imagehash", "pair_loop_pairs_per_second")
s10 = next(r["search10k"] for r in rows if "search10k" in r)
mil = next(r for r in rows if "million" in r)
cut = next(r["cutover"] for r in rows if "cutover" in r)
pairs10k = n * (n - 1) / 2
print(f"files: {n} PNG tiles, 2 workers each side (best of 2 rounds)")
print(f"imagehash pHash, 2-process pool:      {ih:8.0f} images/s")
print(f"dman decode only (libpng fast path):  {dec:8.0f} images/s")
print(f"dman hash + search, in process:       {e2e:8.0f} images/s   = {e2e/ih:.2f}x imagehash (target >= 2), {e2e/dec:.0%} of decode-only (target >= 80%)")
print(f"by CPU seconds (2 workers each): imagehash {ih_cpu:.1f} s, dman decode-only {dec_c:.1f} s, dman end-to-end {e2e_c:.1f} s"
      f" -> {ih_cpu/e2e_c:.2f}x imagehash, end-to-end at {dec_c/e2e_c:.0%} of decode-only rate")
cv2 = [r["cv2_decode"]["per_second"] for r in rows if "cv2_decode" in r]
if cv2:
    print(f"cv2 decode only (2 processes, ceiling): {max(cv2):8.0f} images/s   dman hash + search in process = {e2e/max(cv2):.0%} of it; "
          f"CLI = {n/cli/max(cv2):.0%} (audit writes no pictures: no encode-only ceiling)")
print(f"dman audit CLI, duplicates only:      {n/cli:8.0f} images/s   ({cli:.2f} s incl. start-up) = {n/cli/ih:.2f}x imagehash")
print(f"pair search 10k @10: dman {s10['seconds']*1000:.0f} ms ({pairs10k/s10['seconds']:.3g} pairs/s) vs Python loop {loop:.3g} pairs/s = {pairs10k/s10['seconds']/loop:.0f}x (target >= 100)")
m = mil["million"]
print(f"1M random hashes, all pairs <= 8: {m['seconds']:.1f} s ({m['method']}), {m['pairs']} pairs, max RSS {mil['max_rss_kb']/1024:.0f} MB (target < 30 s)")
rs = next(r["realsearch"] for r in rows if "realsearch" in r)
print(f"real pHashes of the tiles, r=10: brute {rs['brute_seconds']*1000:.0f} ms, multi-index {rs['multi_index_seconds']*1000:.0f} ms ({rs['pairs']} pairs, agree={rs['agree']})")
for row in cut["rows"]:
    print(f"  cut-over r=8 n={row['n']:6d}: brute {row['brute_seconds']*1000:7.0f} ms, multi-index ({row['chunks']} chunks) {row['multi_index_seconds']*1000:7.0f} ms, agree={row['agree']}")
