#!/usr/bin/env python3
"""Decode-only and encode-only rates on a folder of pictures: the ceilings in every bench (not a test).

    python3 bench/ceilings.py decode DIR [PROCS=2]   # cv2.imread of every picture
    python3 bench/ceilings.py encode DIR [PROCS=2]   # cv2.imencode('.png') of every picture's pixels

DIR's *.png / *.jpg files are split into PROCS contiguous shares, one per worker process
(started before the clock, so interpreter start-up and imports are excluded). `encode`
decodes its share untimed first and times only the PNG encoding (OpenCV's defaults:
zlib level 1, as dman's writer is compared with). Prints one JSON object:
{"what", "files", "procs", "seconds", "per_second"}. A stage's fraction of its ceiling is
(decode seconds of its inputs + encode seconds of its outputs) / its own seconds.
"""
import glob, json, os, sys, time
from multiprocessing import Pool

import cv2

cv2.setNumThreads(1)


def _work(args):
    what, files = args
    if what == "decode":
        t = time.perf_counter()
        for f in files:
            cv2.imread(f, cv2.IMREAD_COLOR)
        return time.perf_counter() - t
    images = [cv2.imread(f, cv2.IMREAD_COLOR) for f in files]
    t = time.perf_counter()
    for im in images:
        cv2.imencode(".png", im)
    return time.perf_counter() - t


def measure(what, folder, procs=2):
    files = sorted(glob.glob(os.path.join(folder, "*.png")) + glob.glob(os.path.join(folder, "*.jpg")))
    shares = [files[len(files) * i // procs:len(files) * (i + 1) // procs] for i in range(procs)]
    with Pool(procs) as pool:
        pool.map(abs, range(procs))  # workers up before timing
        seconds = max(pool.map(_work, [(what, s) for s in shares]))
    return {"what": what, "files": len(files), "procs": procs, "seconds": seconds, "per_second": len(files) / seconds}


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 2)))
