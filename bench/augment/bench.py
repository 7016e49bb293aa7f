#!/usr/bin/env python3
"""dman augment vs (a) one `convert` per output and (b) albumentations+OpenCV,
on the same 212 crops of 128 px -> 15 variants each at 64 px, in one run.

usage: bench.py DMAN_BINARY WORK_DIR [REPEATS=2]
WORK_DIR/crops must hold the inputs (make_crops.py). Prints a Markdown table;
each tool runs under /usr/bin/time -v (wall, user+sys CPU, peak RSS).

Every run writes into a new folder and all outputs are deleted only at the
end: ext4 skips recently deleted inodes when it allocates new ones, so a run
that starts right after `rm -rf` of 3180 files spends a third of its CPU in
the kernel (measured with perf), and the fastest tool would pay most.
"""
import json, os, re, shutil, subprocess, sys
import numpy as np
from PIL import Image

dman, work = sys.argv[1], sys.argv[2]
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 2
here = os.path.dirname(os.path.abspath(__file__))
crops = os.path.join(work, "crops")
plan = ["--rotations", "±5", "--unsharp", "0x1+1+0.05", "--flip", "--random", "4", "--seed", "1",
        "--size", "64", "--no-originals", "-q"]

runs = os.path.join(work, "runs")
shutil.rmtree(runs, ignore_errors=True)
os.makedirs(runs)
_count = [0]

def fresh(tag):
    _count[0] += 1
    return os.path.join(runs, f"{_count[0]:02d}-{tag}")

def timed(name, cmd, out):
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"{name} failed: {p.stderr[-2000:]}")
    t = p.stderr
    def field(label):
        return re.search(re.escape(label) + r":\s*(\S+)", t).group(1)
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(x) for x in wall.split(":")]
    secs = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    n = len([f for f in os.listdir(out) if f.endswith(".png")])
    return {"name": name, "wall": secs, "cpu": cpu, "rss_mb": int(field("Maximum resident set size (kbytes)")) / 1024, "outputs": n,
            "out": out}

def psnr(a, b):
    a = np.asarray(Image.open(a).convert("RGB"), dtype=np.float64)
    b = np.asarray(Image.open(b).convert("RGB"), dtype=np.float64)
    mse = ((a - b) ** 2).mean()
    return float("inf") if mse == 0 else 10 * np.log10(255 ** 2 / mse)

rows = []
for r in range(repeats):
    out = fresh("dman")
    rows.append(timed("dman (auto engine)", [dman, "augment", crops, "-o", out] + plan, out))
    out = fresh("magick")
    rows.append(timed("dman --engine magick", [dman, "augment", crops, "-o", out, "--engine", "magick"] + plan, out))
    out = fresh("albu1")
    rows.append(timed("albumentations, 1 process", ["python3", f"{here}/albu.py", crops, out, "1"], out))
    out = fresh("albu2")
    rows.append(timed("albumentations, 2 processes", ["python3", f"{here}/albu.py", crops, out, "2"], out))
out_dman = [r["out"] for r in rows if r["name"] == "dman (auto engine)"][-1]
out_magick = [r["out"] for r in rows if r["name"] == "dman --engine magick"][-1]
out_albu = [r["out"] for r in rows if r["name"].startswith("albumentations")][-1]
# (a) as the issue words it, one `convert` after another; then 2 at a time, as fair use of 2 cores.
out_convert = fresh("convert1")
rows.append(timed("convert loop, sequential", ["python3", f"{here}/convert_loop.py", crops, out_dman, out_convert, "1"], out_convert))
out = fresh("convert2")
rows.append(timed("convert loop, 2 parallel", ["python3", f"{here}/convert_loop.py", crops, out_dman, out, "2"], out))

# Same pictures? convert loop vs dman's MagickWand engine (expected identical) and vs the native engine.
names = sorted(f for f in os.listdir(out_convert) if f.endswith(".png"))
mw = [psnr(f"{out_convert}/{n}", f"{out_magick}/{n}") for n in names]
nat = [psnr(f"{out_convert}/{n}", f"{out_dman}/{n}") for n in names]
sizes = {k: np.mean([os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith(".png")])
         for k, d in [("dman", out_dman), ("dman magick", out_magick), ("albumentations", out_albu), ("convert", out_convert)]}

best = {}
for row in rows:
    b = best.get(row["name"])
    if b is None or row["wall"] < b["wall"]:
        best[row["name"]] = row
ref = best["dman (auto engine)"]
print(f"cores: {os.cpu_count()}, load before: {os.getloadavg()}")
print("| tool | outputs | wall s (best of runs) | CPU s (user+sys) | peak RSS MB | wall vs dman |")
print("|---|---|---|---|---|---|")
for row in best.values():
    print(f"| {row['name']} | {row['outputs']} | {row['wall']:.2f} | {row['cpu']:.2f} | {row['rss_mb']:.0f} | {row['wall'] / ref['wall']:.2f}× |")
print("all runs:", json.dumps([{k: v for k, v in r.items() if k != "out"} for r in rows]))
print(f"convert loop vs dman --engine magick: min PSNR {min(mw):.1f} dB, identical {sum(1 for v in mw if v == float('inf'))}/{len(mw)}")
print(f"convert loop vs dman auto (native): min PSNR {min(nat):.1f} dB, median {np.median(nat):.1f} dB")
print("mean PNG bytes:", {k: int(v) for k, v in sizes.items()})
shutil.rmtree(runs, ignore_errors=True)
