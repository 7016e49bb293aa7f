#!/usr/bin/env python3
"""Reference side of the speed benchmark: imagehash pHash with a 2-process
pool over every PNG of DIR, then all pairs within RADIUS with a Python loop.
Prints one JSON object. Usage: python3 speed_reference.py DIR [RADIUS=10] [PROCS=2]"""
import glob, json, resource, sys, time
from multiprocessing import Pool
import imagehash
from PIL import Image

def phash(path):
    return int(str(imagehash.phash(Image.open(path))), 16)

if __name__ == "__main__":
    d = sys.argv[1]
    radius = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    procs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    files = sorted(glob.glob(d + "/*.png"))
    def cpu():
        s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
    t, c0 = time.perf_counter(), cpu()
    pool = Pool(procs)
    hashes = pool.map(phash, files, chunksize=64)
    pool.close()
    pool.join()
    hash_s = time.perf_counter() - t
    hash_cpu = cpu() - c0  # workers count once joined (RUSAGE_CHILDREN)
    # Python pair loop (int XOR + popcount), timed on the first 3000 hashes
    # (4.5 M pairs) and extrapolated to all pairs.
    sub = hashes[:3000]
    t = time.perf_counter()
    found = 0
    for i in range(len(sub)):
        a = sub[i]
        for j in range(i + 1, len(sub)):
            if (a ^ sub[j]).bit_count() <= radius:
                found += 1
    loop_s = time.perf_counter() - t
    sub_pairs = len(sub) * (len(sub) - 1) / 2
    rate = sub_pairs / loop_s
    all_pairs = len(files) * (len(files) - 1) / 2
    print(json.dumps({"files": len(files), "procs": procs, "hash_seconds": hash_s, "hash_cpu_seconds": hash_cpu,
                      "hash_per_second": len(files) / hash_s,
                      "pair_loop_pairs_per_second": rate, "pair_loop_seconds_all_pairs_estimated": all_pairs / rate}))
