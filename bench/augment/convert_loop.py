#!/usr/bin/env python3
"""Reference (a): one `convert` process per output, with exactly the
parameters dman recorded in OUT/dataset.json (so both make the same images).

usage: convert_loop.py IN_DIR DMAN_OUT_DIR LOOP_OUT_DIR [JOBS]
Prints the shell commands' count; runs them with JOBS parallel processes
(default: all cores), like `xargs -P`.
"""
import json, math, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

inp, dman_out, out = sys.argv[1], sys.argv[2], sys.argv[3]
jobs = int(sys.argv[4]) if len(sys.argv) > 4 else os.cpu_count()
os.makedirs(out, exist_ok=True)
doc = json.load(open(os.path.join(dman_out, "dataset.json")))

def args_for(record):
    a = ["convert", os.path.join(inp, record["parent"] + ".png")]
    geo = None  # fused like dman: angle, scale, tx, ty, fill
    def flush():
        nonlocal geo
        if geo:
            ang, fill = geo
            a.extend(["-virtual-pixel", "Mirror" if fill == "mirror" else "Edge", "-distort", "SRT", repr(ang)])
        geo = None
    for t in record["provenance"]["transforms"]:
        n, p = t["name"], t["parameters"]
        if n in ("rotate", "scale", "shift"):
            if p.get("fill") == "crop" or (n != "rotate"):
                raise SystemExit("convert_loop.py handles the benchmark plan only (rotate edge/mirror)")
            geo = geo or [0.0, p["fill"]]
            geo[0] += p["angle"]
            continue
        flush()
        if n == "flip":
            a.append("-flop")
        elif n == "unsharp":
            a.extend(["-unsharp", f'{p["radius"]}x{p["sigma"]}+{p["gain"]}+{p["threshold"]}'])
        elif n == "resize":
            a.extend(["-filter", "Lanczos", "-resize", f'{p["width"]}x{p["height"]}!'])
        elif n in ("brightness", "saturation"):
            b = 100 + p["percent"] if n == "brightness" else 100
            s = 100 + p["percent"] if n == "saturation" else 100
            a.extend(["-modulate", f"{b},{s},100"])
    flush()
    a.extend(["-strip", "-define", "png:exclude-chunks=date,time", "PNG24:" + os.path.join(out, record["file"])])
    return a

cmds = [args_for(r) for r in doc["records"]]
with ThreadPoolExecutor(jobs) as pool:
    codes = list(pool.map(lambda c: subprocess.run(c).returncode, cmds))
bad = sum(1 for c in codes if c)
print(f"convert loop: {len(cmds)} commands, {bad} failed, {jobs} parallel")
