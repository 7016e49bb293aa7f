#!/usr/bin/env python3
"""Small-set augment: dman against the one-`convert`-per-output loop, interleaved (not a test).

usage: small_set.py DMAN_BINARY CROPS_DIR WORK_DIR [ROUNDS=5] [BEFORE_BINARY] [PLAN=small|full]

CROPS_DIR: e.g. `make_crops.py /work/data/seed-11/sources CROPS 40 64` (40 crops of 64 px).
Plan `small` (default): `--rotations ±5 --flip` (originals kept): 6 outputs per crop, 240 in all.
Plan `full`: bench.py's 15 variants at 64 px (for the 212-crop check, same interleaving).
Each round runs, in this order: dman; with BEFORE_BINARY (a build that still links
OpenBLAS, whose pool threads start when the library loads and spin in sched_yield for
2^28 cycles ≈ 0.1 s in every command) that binary as is and with OPENBLAS_THREAD_TIMEOUT=4;
the convert loop (convert_loop.py, one process per output, sequential). Prints medians
and ratios; wall and CPU (user + sys of the children); the load average before and after;
then the ceilings (bench/ceilings.py: cv2 decode-only of the inputs, encode-only of dman's
outputs, 2 processes) and the fraction of decode+encode time that dman's wall time is.
"""
import os, resource, shutil, statistics, subprocess, sys, time

dman, crops, work = sys.argv[1], sys.argv[2], sys.argv[3]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
before = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] != "-" else None
here = os.path.dirname(os.path.abspath(__file__))
plan = ["--rotations", "±5", "--flip", "--seed", "1", "-q"]
if len(sys.argv) > 6 and sys.argv[6] == "full":
    plan = ["--rotations", "±5", "--unsharp", "0x1+1+0.05", "--flip", "--random", "4", "--seed", "1",
            "--size", "64", "--no-originals", "-q"]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, env=None):
    t, c = time.perf_counter(), cpu()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t, cpu() - c


quiet_blas = dict(os.environ, OPENBLAS_THREAD_TIMEOUT="4")
load_before = os.getloadavg()[0]
rows = {"dman": []}
if before:
    rows.update({"before": [], "before, OPENBLAS_THREAD_TIMEOUT=4": []})
rows["convert loop, sequential"] = []
for r in range(rounds):
    out = os.path.join(work, "dman-%d" % r)
    rows["dman"].append(timed([dman, "augment", crops, "-o", out] + plan))
    if before:
        rows["before"].append(timed([before, "augment", crops, "-o", os.path.join(work, "before-%d" % r)] + plan))
        rows["before, OPENBLAS_THREAD_TIMEOUT=4"].append(
            timed([before, "augment", crops, "-o", os.path.join(work, "quiet-%d" % r)] + plan, env=quiet_blas))
    rows["convert loop, sequential"].append(
        timed([sys.executable, os.path.join(here, "convert_loop.py"), crops, out, os.path.join(work, "convert-%d" % r), "1"]))
outputs = len([f for f in os.listdir(os.path.join(work, "dman-0")) if f.endswith(".png")])
loop = statistics.median(w for w, _ in rows["convert loop, sequential"])
print("%d inputs -> %d outputs, %d rounds; load average before %.2f, after %.2f" % (
    len(os.listdir(crops)), outputs, rounds, load_before, os.getloadavg()[0]))
for name, v in rows.items():
    w, c = statistics.median(x for x, _ in v), statistics.median(y for _, y in v)
    print("%-34s wall %.3f s (%.3f-%.3f)  CPU %.3f s  convert loop / this: %.1fx" % (
        name, w, min(x for x, _ in v), max(x for x, _ in v), c, loop / w))
sys.path.insert(0, os.path.dirname(here))
from ceilings import measure  # bench/ceilings.py
dec, enc = measure("decode", crops, 2), measure("encode", os.path.join(work, "dman-0"), 2)
ceiling = dec["seconds"] + enc["seconds"]
dman_wall = statistics.median(x for x, _ in rows["dman"])
print("ceilings (cv2, 2 processes, in-process): decode-only %d inputs %.3f s (%.0f/s), encode-only %d outputs %.3f s (%.0f/s); "
      "dman reaches %.0f%% of decode+encode (%.3f s / %.3f s wall)" % (
          dec["files"], dec["seconds"], dec["per_second"], enc["files"], enc["seconds"], enc["per_second"],
          100 * ceiling / dman_wall, ceiling, dman_wall))
shutil.rmtree(work, ignore_errors=True)
