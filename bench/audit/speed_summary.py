#!/usr/bin/env python3
"""Summarises a speed.sh log (JSON lines) into the ratios the targets name."""
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
best = lambda key, field, f=max: f(r[key][field] for r in rows if key in r)
ih = best("imagehash", "hash_per_second")
dec = best("decode", "per_second")
mw = best("decode", "magickwand_per_second")
e2e = best("hash", "per_second")
n = next(r["hash"]["files"] for r in rows if "hash" in r)
cli = min(r["cli_seconds"] for r in rows if "cli_seconds" in r)
loop = best("imagehash", "pair_loop_pairs_per_second")
s10 = next(r["search10k"] for r in rows if "search10k" in r)
mil = next(r for r in rows if "million" in r)
cut = next(r["cutover"] for r in rows if "cutover" in r)
pairs10k = n * (n - 1) / 2
print(f"files: {n} PNG tiles, 2 workers each side (best of 2 rounds)")
print(f"imagehash pHash, 2-process pool:      {ih:8.0f} images/s")
print(f"dman decode only (libpng fast path):  {dec:8.0f} images/s   (MagickWand decode: {mw:.0f}/s)")
print(f"dman hash + search, in process:       {e2e:8.0f} images/s   = {e2e/ih:.2f}x imagehash (target >= 2), {e2e/dec:.0%} of decode-only (target >= 80%)")
print(f"dman audit CLI, duplicates only:      {n/cli:8.0f} images/s   ({cli:.2f} s incl. start-up) = {n/cli/ih:.2f}x imagehash")
print(f"pair search 10k @10: dman {s10['seconds']*1000:.0f} ms ({pairs10k/s10['seconds']:.3g} pairs/s) vs Python loop {loop:.3g} pairs/s = {pairs10k/s10['seconds']/loop:.0f}x (target >= 100)")
m = mil["million"]
print(f"1M random hashes, all pairs <= 8: {m['seconds']:.1f} s ({m['method']}), {m['pairs']} pairs, max RSS {mil['max_rss_kb']/1024:.0f} MB (target < 30 s)")
for row in cut["rows"]:
    print(f"  cut-over r=8 n={row['n']:6d}: brute {row['brute_seconds']*1000:7.0f} ms, multi-index ({row['chunks']} chunks) {row['multi_index_seconds']*1000:7.0f} ms, agree={row['agree']}")
