#!/usr/bin/env python3
"""Two dman builds on the same crop job, interleaved pairs (not a test).

    python3 bench/crop/ab.py NEW_DMAN OLD_DMAN SOURCES_DIR [PAIRS=8] [JOBS=2] [WORK=/tmp/dman-crop-ab]

Runs `dman crop SOURCES_DIR/boxes.json --size 64 --jobs JOBS` with each binary in turn
(alternating which goes first), whole processes; prints median and fastest wall, median CPU
(user + sys) and the median of per-pair wall ratios new / old, with the load average.
"""
import os, resource, shutil, statistics, subprocess, sys, time

new, old, sources = sys.argv[1], sys.argv[2], sys.argv[3]
pairs = int(sys.argv[4]) if len(sys.argv) > 4 else 8
jobs = sys.argv[5] if len(sys.argv) > 5 else "2"
work = sys.argv[6] if len(sys.argv) > 6 else "/tmp/dman-crop-ab"
bins = {"new": new, "old": old}


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


res = {k: [] for k in bins}
load = os.getloadavg()[0]
for i in range(pairs):
    for k in (["new", "old"] if i % 2 == 0 else ["old", "new"]):
        out = os.path.join(work, k)
        shutil.rmtree(out, ignore_errors=True)
        t, c = time.perf_counter(), cpu()
        subprocess.run([bins[k], "crop", os.path.join(sources, "boxes.json"), "-o", out, "--size", "64", "--quiet",
                        "--jobs", jobs], check=True)
        res[k].append((time.perf_counter() - t, cpu() - c))
shutil.rmtree(work, ignore_errors=True)
print(f"{pairs} pairs, --jobs {jobs}; load average before {load:.2f}, after {os.getloadavg()[0]:.2f}")
for k, v in res.items():
    print(f"  {k}: wall median {statistics.median(x for x, _ in v):.3f} s (fastest {min(x for x, _ in v):.3f}), "
          f"CPU median {statistics.median(y for _, y in v):.3f} s")
print(f"  new / old, median of per-pair wall ratios: {statistics.median(a[0] / b[0] for a, b in zip(res['new'], res['old'])):.2f}")
