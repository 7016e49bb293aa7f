#!/usr/bin/env python3
"""dman crop vs. a loop calling ImageMagick's `convert` once per crop.

    python3 bench/crop/bench.py [--dman .build/release/dman] [--inputs DIR] [--size 64]

Both run in the same invocation on the same inputs (make_inputs.py), one
after the other, and the ratio of wall-clock times is printed: the machine
is shared, so only the ratio means anything. The reference computes each
square itself (the same rule: side = round(max(w, h) * 1.1), centred, half
up) and runs, per crop,

    convert SRC -crop SxS+X+Y +repage -filter Lanczos -resize 64x64! OUT.png

sequentially, as a hand-written loop does. A second reference runs the same
commands two at a time (xargs -P 2 style) for a fairer 2-core comparison.
Outputs are compared: regions must be identical and pixels within a small
tolerance, so both sides did the same work.
"""
import argparse, json, os, resource, shutil, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, '..', '..'))
ap = argparse.ArgumentParser()
ap.add_argument('--dman', default=os.path.join(root, '.build', 'release', 'dman'))
ap.add_argument('--inputs', default=os.path.join(root, 'bench', 'out', 'crop', 'inputs'))
ap.add_argument('--out', default=os.path.join(root, 'bench', 'out', 'crop'))
ap.add_argument('--size', type=int, default=64)
ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
a = ap.parse_args()

manifest = os.path.join(a.inputs, 'manifest.json')
if not os.path.exists(manifest):
    subprocess.run([sys.executable, os.path.join(here, 'make_inputs.py'), a.inputs, '200'], check=True)
images = json.load(open(manifest))['images']

def square(b):
    side = max(1, int(np.floor(max(b['w'], b['h']) * 1.1 + 0.5)))
    x = int(np.floor(b['x'] + b['w'] / 2 - side / 2 + 0.5))
    y = int(np.floor(b['y'] + b['h'] / 2 - side / 2 + 0.5))
    return x, y, side

jobs = []
for e in images:
    stem = os.path.splitext(e['file'])[0]
    for i, b in enumerate(e['boxes']):
        x, y, s = square(b)
        assert x >= 0 and y >= 0 and x + s <= e['width'] and y + s <= e['height'], 'bench boxes must fit'
        jobs.append((os.path.join(a.inputs, e['file']), (x, y, s), '%s_%d.png' % (stem, i)))

def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def run_dman():
    d = os.path.join(a.out, 'dman')
    shutil.rmtree(d, ignore_errors=True)
    t, c = time.perf_counter(), cpu()
    subprocess.run([a.dman, 'crop', manifest, '-o', d, '--size', str(a.size), '--quiet', '--jobs', str(a.jobs)], check=True)
    return time.perf_counter() - t, cpu() - c, d

def run_convert(parallel):
    d = os.path.join(a.out, 'convert-p%d' % parallel)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    def one(j):
        src, (x, y, s), name = j
        subprocess.run(['/usr/bin/convert', src, '-crop', '%dx%d+%d+%d' % (s, s, x, y), '+repage',
                        '-filter', 'Lanczos', '-resize', '%dx%d!' % (a.size, a.size), os.path.join(d, name)], check=True)
    t, c = time.perf_counter(), cpu()
    if parallel == 1:
        for j in jobs: one(j)
    else:
        with ThreadPoolExecutor(parallel) as ex: list(ex.map(one, jobs))
    return time.perf_counter() - t, cpu() - c, d

td, cd, dd = run_dman()
t1, c1, d1 = run_convert(1)
t2, c2, d2 = run_convert(2)

recs = {r['id']: r for r in json.load(open(os.path.join(dd, 'dataset.json')))['records']}
worst = 0
for src, (x, y, s), name in jobs:
    r = recs[name[:-4]]['provenance']['region']
    assert (r['x'], r['y'], r['width']) == (x, y, s), (name, r, (x, y, s))
    p = np.asarray(Image.open(os.path.join(dd, name)).convert('RGB'), dtype=np.int16)
    q = np.asarray(Image.open(os.path.join(d1, name)).convert('RGB'), dtype=np.int16)
    worst = max(worst, int(np.abs(p - q).max()))

n = len(jobs)
print('crops: %d from %d pictures (%dx%d, %.2f MP), output %dx%d' % (
    n, len(images), images[0]['width'], images[0]['height'], images[0]['width'] * images[0]['height'] / 1e6, a.size, a.size))
print('load average before: %.2f %.2f %.2f' % os.getloadavg())
print('                               wall       crops/s   wall ratio   CPU (user+sys)   CPU ratio')
print('dman crop --jobs %d          : %7.2f s  %7.1f               %7.2f s' % (a.jobs, td, n / td, cd))
print('convert loop, sequential     : %7.2f s  %7.1f   %6.1fx      %7.2f s        %6.1fx' % (t1, n / t1, t1 / td, c1, c1 / cd))
print('convert loop, 2 at a time    : %7.2f s  %7.1f   %6.1fx      %7.2f s        %6.1fx' % (t2, n / t2, t2 / td, c2, c2 / cd))
print('same regions: yes; largest pixel difference vs convert: %d/255' % worst)
