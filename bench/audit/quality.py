#!/usr/bin/env python3
"""Near-duplicate quality on one set: dman's default rule, the old hash-only
rule, and imagehash pHash/dHash at threshold 10 (imagededup's default), on the
same files in the same run. Pairs here are direct links; seeds.py scores groups
across seeds (the figures the README quotes).

Usage: python3 bench/audit/quality.py [NEARDUP_DIR] [DMAN_BINARY]
  defaults: /work/wt/_data/neardup  .build/release/dman
The set comes from `bash /work/shared/data/make_sets.sh OUT` (OUT/neardup,
truth.json lists the groups). Pair-level precision/recall/F1: a pair counts
as found when the method links the two files directly (dman: a reported
near-duplicate pair or two files of one exact-duplicate group). "strict"
counts every non-group pair as negative; "lenient" ignores the truth file's
ambiguous pairs (different sprites with near-identical art).
"""
import itertools, json, os, shutil, subprocess, sys, tempfile, time
import imagehash
from PIL import Image

src = sys.argv[1] if len(sys.argv) > 1 else "/work/wt/_data/neardup"
dman = sys.argv[2] if len(sys.argv) > 2 else ".build/release/dman"
truth = json.load(open(os.path.join(src, "truth.json")))
files = sorted(truth["files"])
pos = {tuple(sorted(p)) for g in truth["groups"] for p in itertools.combinations(g, 2)}
amb = {tuple(sorted(p)) for p in truth["ambiguous_pairs"]}

def score(pairs, lenient=False):
    pairs = {tuple(sorted(p)) for p in pairs}
    if lenient:
        pairs -= amb
    tp = len(pairs & pos); fp = len(pairs - pos); fn = len(pos - pairs)
    p = tp / max(tp + fp, 1); r = tp / max(tp + fn, 1)
    return dict(precision=round(p, 4), recall=round(r, 4), f1=round(2 * p * r / max(p + r, 1e-12), 4), tp=tp, fp=fp, fn=fn)

work = tempfile.mkdtemp(prefix="dman-quality-")
data = os.path.join(work, "neardup")
os.mkdir(data)
for f in files:
    shutil.copy(os.path.join(src, f), data)

def run_dman(extra):
    cache = os.path.join(data, ".dman-audit-cache.json")
    if os.path.exists(cache):
        os.remove(cache)
    t = time.perf_counter()
    out = subprocess.run([dman, "audit", data, "--json", "--checks", "exact_duplicates,near_duplicates"] + extra,
                         check=True, capture_output=True, text=True).stdout
    dt = time.perf_counter() - t
    rep = json.loads(out)
    pairs = [(p["a"], p["b"]) for p in rep["near_duplicate_pairs"]]
    for g in rep["exact_duplicates"]:
        pairs += list(itertools.combinations(g, 2))
    return pairs, dt

results = {}
pairs, dt = run_dman([])
results["dman default (pHash<=16, verified >= 0.935)"] = (pairs, dt)
cache = json.load(open(os.path.join(data, ".dman-audit-cache.json")))["entries"]
for c in (14, 16, 18):
    results[f"old rule: pHash<=10 & pHash+dHash<={c}"] = run_dman(["--no-verify", "--threshold", "10", "--combined", str(c)])
for th in (6, 8, 10):
    results[f"dman pHash alone <= {th}"] = run_dman(["--no-verify", "--threshold", str(th)])

t = time.perf_counter()
H = {f: {"phash": imagehash.phash(Image.open(os.path.join(data, f))), "dhash": imagehash.dhash(Image.open(os.path.join(data, f)))} for f in files}
ih_time = time.perf_counter() - t
for kind in ("phash", "dhash"):
    pairs = [(a, b) for a, b in itertools.combinations(files, 2) if H[a][kind] - H[b][kind] <= 10]
    results[f"imagehash {kind} <= 10"] = (pairs, ih_time)

print(f"set: {src} ({len(files)} files, {len(pos)} duplicate pairs, {len(amb)} ambiguous pairs)")
print(f"{'method':48} {'P':>6} {'R':>6} {'F1':>6} {'FP':>4} {'FN':>4} | lenient P/F1")
for name, (pairs, dt) in results.items():
    s, l = score(pairs), score(pairs, lenient=True)
    print(f"{name:48} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} {s['fp']:4d} {s['fn']:4d} | {l['precision']:.3f}/{l['f1']:.3f}")
best_ref = max(score(results[f"imagehash {k} <= 10"][0])["f1"] for k in ("phash", "dhash"))
mine = score(results["dman default (pHash<=16, verified >= 0.935)"][0])["f1"]
print(f"dman default F1 {mine:.3f} vs best imagehash@10 F1 {best_ref:.3f}: {'ABOVE' if mine > best_ref else 'BELOW'} target")

# How dman's own pipeline (decode + 32x32 box thumbnail) differs from imagehash's (PIL decode + Lanczos).
dist = {"phash": [], "dhash": []}
for f in files:
    for kind in dist:
        mine_h = int(cache[f]["measures"]["hashes"][kind], 16)
        ref_h = int(str(H[f][kind]), 16)
        dist[kind].append(bin(mine_h ^ ref_h).count("1"))
for kind, d in dist.items():
    same = sum(1 for x in d if x == 0)
    print(f"{kind}: dman pipeline vs imagehash pipeline: identical on {same}/{len(d)} files, mean {sum(d)/len(d):.2f} bits, max {max(d)}")
shutil.rmtree(work)
