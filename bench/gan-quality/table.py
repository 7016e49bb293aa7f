#!/usr/bin/env python3
"""Markdown table (per seed, mean ± sd, dman/PyTorch SWD ratio) from run.sh's OUT/results.tsv:
    python3 bench/gan-quality/table.py OUT/results.tsv
"""
import sys, statistics as st, re
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by = {}
print("| seed | side | iterations | SWD 32 px | SWD 16 px | SWD avg | modes (real) | memorised | CPU s | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|---|---|")
import json, os
base = os.path.dirname(sys.argv[1])
for seed, side, step, lv, avg, fm, rm, mem, log in rows:
    if side == "torch":
        step = json.load(open(os.path.join(base, seed, "torch", "run.json")))["iterations"]
    m = re.match(r"([\d.]+) s wall, ([\d.]+) s user, (\d+) KB", log)
    cpu, rss = (float(m.group(2)), int(m.group(3)) / 1024) if m else (float("nan"), float("nan"))
    l = lv.split()
    print(f"| {seed} | {side} | {step} | {l[0]} | {l[1]} | {avg} | {fm} ({rm}) | {mem} | {cpu:.0f} | {rss:.0f} |")
    by.setdefault(side, []).append((float(l[0]), float(l[1]), float(avg), int(fm), int(rm), float(mem)))
def ms(x, d=1): return f"{st.mean(x):.{d}f} ± {st.stdev(x):.{d}f}" if len(x) > 1 else f"{x[0]:.{d}f}"
for side, v in by.items():
    print(f"| **mean ± sd** | {side} | | {ms([a[0] for a in v])} | {ms([a[1] for a in v])} | {ms([a[2] for a in v])} | {ms([a[3] for a in v])} ({ms([a[4] for a in v])}) | {ms([a[5] for a in v], 3)} | | |")
if "recipe" in by and "torch" in by:
    r = [a[2] / b[2] for a, b in zip(by["recipe"], by["torch"])]
    print(f"\nSWD avg ratio recipe / torch per seed: {' / '.join(f'{x:.2f}' for x in r)} (mean {ms(r, 2)}); "
          f"modes as fraction of real: recipe {ms([a[3]/a[4] for a in by['recipe']], 2)}, torch {ms([a[3]/a[4] for a in by['torch']], 2)}")
