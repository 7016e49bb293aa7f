#!/usr/bin/env python3
"""dman augment vs (a) one `convert` per output and (b) albumentations+OpenCV,
on the same 212 crops of 128 px -> 15 variants each at 64 px, in one run.

usage: bench.py DMAN_BINARY WORK_DIR [REPEATS=2]
WORK_DIR/crops must hold the inputs (make_crops.py). Prints a Markdown table;
each tool runs under /usr/bin/time -v (wall, user+sys CPU, peak RSS).
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

def timed(name, cmd, out):
    shutil.rmtree(out, ignore_errors=True)
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
    return {"name": name, "wall": secs, "cpu": cpu, "rss_mb": int(field("Maximum resident set size (kbytes)")) / 1024, "outputs": n}

def psnr(a, b):
    a = np.asarray(Image.open(a).convert("RGB"), dtype=np.float64)
    b = np.asarray(Image.open(b).convert("RGB"), dtype=np.float64)
    mse = ((a - b) ** 2).mean()
    return float("inf") if mse == 0 else 10 * np.log10(255 ** 2 / mse)

rows = []
for r in range(repeats):
    rows.append(timed("dman (auto engine)", [dman, "augment", crops, "-o", f"{work}/out_dman"] + plan, f"{work}/out_dman"))
    rows.append(timed("dman --engine magick", [dman, "augment", crops, "-o", f"{work}/out_magick", "--engine", "magick"] + plan, f"{work}/out_magick"))
    rows.append(timed("albumentations, 1 process", ["python3", f"{here}/albu.py", crops, f"{work}/out_albu", "1"], f"{work}/out_albu"))
    rows.append(timed("albumentations, 2 processes", ["python3", f"{here}/albu.py", crops, f"{work}/out_albu2", "2"], f"{work}/out_albu2"))
rows.append(timed("convert loop, 2 parallel", ["python3", f"{here}/convert_loop.py", crops, f"{work}/out_dman", f"{work}/out_convert", "2"], f"{work}/out_convert"))

# Same pictures? convert loop vs dman's MagickWand engine (expected identical) and vs the native engine.
names = sorted(f for f in os.listdir(f"{work}/out_convert") if f.endswith(".png"))
mw = [psnr(f"{work}/out_convert/{n}", f"{work}/out_magick/{n}") for n in names]
nat = [psnr(f"{work}/out_convert/{n}", f"{work}/out_dman/{n}") for n in names]
sizes = {d: np.mean([os.path.getsize(os.path.join(work, d, f)) for f in os.listdir(os.path.join(work, d)) if f.endswith(".png")])
         for d in ["out_dman", "out_magick", "out_albu", "out_convert"]}

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
print("all runs:", json.dumps(rows))
print(f"convert loop vs dman --engine magick: min PSNR {min(mw):.1f} dB, identical {sum(1 for v in mw if v == float('inf'))}/{len(mw)}")
print(f"convert loop vs dman auto (native): min PSNR {min(nat):.1f} dB, median {np.median(nat):.1f} dB")
print("mean PNG bytes:", {k: int(v) for k, v in sizes.items()})
