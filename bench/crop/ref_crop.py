#!/usr/bin/env python3
"""One crop reference run (used by peers.py; not a test).

    python3 ref_crop.py LIB PROCS JOBS.json OUTDIR

LIB is `opencv` (cv2.imdecode + slice + cv2.resize INTER_LANCZOS4 + cv2.imwrite),
`pillow` (Image.open + crop + resize LANCZOS + save), `decode` (cv2.imdecode only)
or `encode` (cv2.imencode of each crop of an earlier run, PNG only). JOBS.json
lists pictures with their crop squares (x, y, side, output name), taken from a
dman run, so every side cuts the same squares. Squares that leave the picture
are filled by reflection without repeating the edge (`2 1 | 0 1 2`), as
dman's default `--pad mirror` does. Prints the in-process seconds (without
interpreter start-up and imports) on stdout.
"""
import json, os, sys, time
from multiprocessing import Pool

import numpy as np

LIB, PROCS, JOBS, OUT = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
SIZE = 64
if LIB in ('opencv', 'decode', 'encode'):
    import cv2
    cv2.setNumThreads(1)
if LIB == 'pillow':
    from PIL import Image


def reflect(i0, n, extent):
    idx = np.arange(i0, i0 + n)
    if extent == 1:
        return np.zeros(n, dtype=np.intp)
    period = 2 * (extent - 1)
    m = np.mod(idx, period)
    return np.where(m < extent, m, period - m)


def square(img, x, y, s):
    h, w = img.shape[:2]
    if x >= 0 and y >= 0 and x + s <= w and y + s <= h:
        return img[y:y + s, x:x + s]
    return img[np.ix_(reflect(y, s, h), reflect(x, s, w))]


def one_picture(job):
    path, crops = job['path'], job['crops']
    if LIB == 'decode':
        cv2.imdecode(np.fromfile(path, np.uint8), cv2.IMREAD_COLOR)
        return 0
    if LIB == 'encode':
        for c in crops:
            img = cv2.imread(os.path.join(job['crops_dir'], c['name']), cv2.IMREAD_COLOR)
            cv2.imencode('.png', img)
        return 0
    if LIB == 'opencv':
        img = cv2.imdecode(np.fromfile(path, np.uint8), cv2.IMREAD_COLOR)
        for c in crops:
            sq = square(img, c['x'], c['y'], c['side'])
            small = cv2.resize(sq, (SIZE, SIZE), interpolation=cv2.INTER_LANCZOS4)
            cv2.imwrite(os.path.join(OUT, c['name']), small)
        return len(crops)
    img = Image.open(path).convert('RGB')
    arr = None
    for c in crops:
        x, y, s = c['x'], c['y'], c['side']
        if x >= 0 and y >= 0 and x + s <= img.width and y + s <= img.height:
            sq = img.crop((x, y, x + s, y + s))
        else:
            if arr is None:
                arr = np.asarray(img)
            sq = Image.fromarray(np.ascontiguousarray(square(arr, x, y, s)))
        sq.resize((SIZE, SIZE), Image.LANCZOS).save(os.path.join(OUT, c['name']))
    return len(crops)


if __name__ == '__main__':
    jobs = json.load(open(JOBS))
    os.makedirs(OUT, exist_ok=True)
    t = time.perf_counter()
    if PROCS == 1:
        for j in jobs:
            one_picture(j)
    else:
        with Pool(PROCS) as pool:
            list(pool.imap_unordered(one_picture, jobs, chunksize=4))
    print('%.4f' % (time.perf_counter() - t))
