#!/usr/bin/env python3
"""`dman eval --images` against its peer (eval_peer.py: NumPy + imagehash), interleaved.

    python3 bench/gan-quality/eval_bench.py DMAN FAKE_DIR REAL_DIR --count 236 --rounds 5

FAKE_DIR and REAL_DIR are plain folders of PNGs of one size (no dataset.json, so both sides take
the files sorted by name). Each round runs dman then the peer (the order alternates per round), each
as a whole process on the same 2 cores (dman `--jobs 2`; NumPy's OpenBLAS uses both cores), and
records wall and CPU (user+sys of the child). Prints one line per run, the medians, the ratio
peer/dman (> 1: dman faster), the peer's in-process split (read, swd, modes, memorised) and whether
the two sides computed the same figures.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dman")
    ap.add_argument("fake")
    ap.add_argument("real")
    ap.add_argument("--count", type=int, default=256)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    sides = {
        "dman": [a.dman, "eval", a.fake, a.real, "--images", "--count", str(a.count), "--seed", str(a.seed),
                 "--jobs", "2", "--json"],
        "peer": [sys.executable, os.path.join(HERE, "eval_peer.py"), a.fake, a.real, "--count", str(a.count),
                 "--seed", str(a.seed)],
    }
    runs = {k: [] for k in sides}
    last = {}
    print(f"load {os.getloadavg()[0]:.2f}", flush=True)
    for r in range(a.rounds):
        for name in (["dman", "peer"] if r % 2 == 0 else ["peer", "dman"]):
            wall, cpu, out = timed(sides[name])
            runs[name].append((wall, cpu))
            last[name] = json.loads(out)
            print(f"round {r} {name}: {wall:.3f} s wall, {cpu:.3f} s CPU", flush=True)
    print(f"load {os.getloadavg()[0]:.2f}")
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in runs.items()}
    for k, (w, c) in med.items():
        print(f"{k}: median {w:.3f} s wall, {c:.3f} s CPU")
    print(f"peer / dman: wall {med['peer'][0] / med['dman'][0]:.2f}x, CPU {med['peer'][1] / med['dman'][1]:.2f}x")
    print("peer in-process seconds:", last["peer"]["seconds"])
    d, p = last["dman"][0], last["peer"]
    print("swd per level dman", [round(x, 3) for x in d["swdPerLevel"]], "peer", [round(x, 3) for x in p["swdPerLevel"]])
    print("modes dman", d["modes"]["fakeModes"], d["modes"]["realModes"], "peer", p["modes"]["fakeModes"], p["modes"]["realModes"])
    print("memorised dman", d["memorisedFraction"], "peer", p["memorisedFraction"])


if __name__ == "__main__":
    main()
