#!/usr/bin/env python3
"""dman audit (exact + near duplicates) against imagehash and the cv2 decode-only ceiling, interleaved (not a test).

    python3 bench/audit/peers_small.py DIR [ROUNDS=5] [DMAN]

A quick form of speed.sh for a folder such as /work/data/seed-<SEED>/neardup: each round runs
`dman audit DIR --checks exact_duplicates,near_duplicates --no-cache --jobs 2` (whole process),
speed_reference.py (imagehash pHash, 2-process pool, plus its Python pair loop; its hashing
time is in-process) and bench/ceilings.py decode (cv2, 2 processes, in-process). Medians.
"""
import json, os, statistics, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
folder = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
dman = sys.argv[3] if len(sys.argv) > 3 else os.path.join(root, ".build/release/dman")
load = os.getloadavg()[0]
t_dman, t_ih, t_dec = [], [], []
n = 0
for r in range(rounds):
    t = time.perf_counter()
    subprocess.run([dman, "audit", folder, "--checks", "exact_duplicates,near_duplicates", "--no-cache", "--json",
                    "--jobs", "2"], check=True, stdout=subprocess.DEVNULL)
    t_dman.append(time.perf_counter() - t)
    ih = json.loads(subprocess.run([sys.executable, os.path.join(here, "speed_reference.py"), folder, "10", "2"],
                                   check=True, capture_output=True, text=True).stdout)
    n = ih["files"] if "files" in ih else n
    t_ih.append(ih["hash_seconds"] if "hash_seconds" in ih else ih["files"] / ih["hash_per_second"])
    dec = json.loads(subprocess.run([sys.executable, os.path.join(root, "bench", "ceilings.py"), "decode", folder, "2"],
                                    check=True, capture_output=True, text=True).stdout)
    n = dec["files"]
    t_dec.append(dec["seconds"])
d, i, c = statistics.median(t_dman), statistics.median(t_ih), statistics.median(t_dec)
print(f"{n} pictures in {folder}; {rounds} rounds; load average before {load:.2f}, after {os.getloadavg()[0]:.2f}")
print(f"  dman audit CLI (whole process)        {d:.3f} s  {n / d:7.0f}/s")
print(f"  imagehash pHash, 2 processes (hashing) {i:.3f} s  {n / i:7.0f}/s   dman is {i / d:.2f}x faster")
print(f"  cv2 decode only, 2 processes (ceiling) {c:.3f} s  {n / c:7.0f}/s   dman reaches {100 * c / d:.0f}% of it")
