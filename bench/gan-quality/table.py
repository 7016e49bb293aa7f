#!/usr/bin/env python3
"""Markdown table (per seed, mean ± sd, dman/PyTorch SWD ratio) from run.sh's OUT/results.tsv:
    python3 bench/gan-quality/table.py OUT/results.tsv [DMAN_SIDE]
DMAN_SIDE is the dman recipe compared with `torch` (default `recipe`). The SWD columns follow the
pyramid levels in the file (32, 16 px for a 32 px run; 64, 32, 16 px for a 64 px run).
"""
import sys, statistics as st, re, json, os
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
mine = sys.argv[2] if len(sys.argv) > 2 else "recipe"
levels = len(rows[0][3].split())
sizes = [str(2 ** (4 + levels - 1 - i)) for i in range(levels)]   # 3 levels: 64, 32, 16
by = {}
print("| seed | side | iterations | " + " | ".join(f"SWD {s} px" for s in sizes)
      + " | SWD avg | modes (real) | memorised | CPU s | peak RSS MB |")
print("|---|---|---|" + "---|" * levels + "---|---|---|---|---|")
base = os.path.dirname(sys.argv[1])
for seed, side, step, lv, avg, fm, rm, mem, log in rows:
    if side == "torch":
        step = json.load(open(os.path.join(base, seed, "torch", "run.json")))["iterations"]
    m = re.match(r"([\d.]+) s wall, ([\d.]+) s user, (\d+) KB", log)
    cpu, rss = (float(m.group(2)), int(m.group(3)) / 1024) if m else (float("nan"), float("nan"))
    l = lv.split()
    print(f"| {seed} | {side} | {step} | " + " | ".join(l) + f" | {avg} | {fm} ({rm}) | {mem} | {cpu:.0f} | {rss:.0f} |")
    by.setdefault(side, []).append(([float(x) for x in l], float(avg), int(fm), int(rm), float(mem)))
def ms(x, d=1): return f"{st.mean(x):.{d}f} ± {st.stdev(x):.{d}f}" if len(x) > 1 else f"{x[0]:.{d}f}"
for side, v in by.items():
    print(f"| **mean ± sd** | {side} | | " + " | ".join(ms([a[0][i] for a in v]) for i in range(levels))
          + f" | {ms([a[1] for a in v])} | {ms([a[2] for a in v])} ({ms([a[3] for a in v])}) | {ms([a[4] for a in v], 3)} | | |")
if mine in by and "torch" in by:
    r = [a[1] / b[1] for a, b in zip(by[mine], by["torch"])]
    print(f"\nSWD avg ratio {mine} / torch per seed: {' / '.join(f'{x:.2f}' for x in r)} (mean {ms(r, 2)}); "
          f"modes as fraction of real: {mine} {ms([a[2]/a[3] for a in by[mine]], 2)}, torch {ms([a[2]/a[3] for a in by['torch']], 2)}")
