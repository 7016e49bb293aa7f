#!/usr/bin/env python3
"""dman crop against its fastest peers on equal cores, interleaved (not a test).

    python3 bench/crop/peers.py --sources /work/data/seed-<SEED>/sources [--rounds 3] [--base OLD_DMAN]

On the same pictures and boxes (`boxes.json` of a make_sets.sh source set), one
untimed dman run records every crop square (dataset.json provenance); then each
round runs, in a rotated order so that load drifts hit every side alike:

- `dman crop --size 64 --jobs 2` and `--jobs 1` (and `--base`, an older dman, at 2 jobs);
- OpenCV, 1 and 2 processes: cv2.imdecode + slice (reflected padding) + cv2.resize
  INTER_LANCZOS4 + cv2.imwrite (ref_crop.py);
- Pillow, 1 and 2 processes: Image.open + crop + resize LANCZOS + save;
- a `convert` loop, one process per crop, sequential and 2 at a time
  (`-virtual-pixel Mirror -define distort:viewport=SxS+X+Y -filter point -distort SRT 0`
  for squares leaving the picture, `-crop` for the others, then `-filter Lanczos -resize 64x64!`);
- the ceilings: decode-only (cv2.imdecode of every picture, 1 and 2 processes) and
  encode-only (cv2.imencode of every 64 px crop, 1 process).

Each side is a whole process (interpreter start-up and imports included, as a user
would run it); the median over rounds is reported, with CPU time (user + sys). The
headline ratios come from --pairs back-to-back runs of dman and OpenCV at equal cores
(alternating which goes first), as the median of per-pair ratios.
Pixel checks: dman's crops against OpenCV's, and against --base's (same squares).
"""
import argparse, json, os, resource, shutil, statistics, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PIL import Image

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, '..', '..'))
ap = argparse.ArgumentParser()
ap.add_argument('--sources', required=True)
ap.add_argument('--dman', default=os.path.join(root, '.build', 'release', 'dman'))
ap.add_argument('--base', help='an older dman binary to compare with')
ap.add_argument('--out', default='/tmp/dman-bench-crop-peers')
ap.add_argument('--rounds', type=int, default=3)
ap.add_argument('--size', type=int, default=64)
ap.add_argument('--skip', default='', help='comma-separated side names to leave out')
ap.add_argument('--pairs', type=int, default=7, help='back-to-back dman/OpenCV pairs for the headline ratios')
a = ap.parse_args()
manifest = os.path.join(a.sources, 'boxes.json')
shutil.rmtree(a.out, ignore_errors=True)
os.makedirs(a.out)


def dman_cmd(binary, jobs, out):
    return [binary, 'crop', manifest, '-o', out, '--size', str(a.size), '--quiet', '--jobs', str(jobs)]


# Untimed run: the squares every side cuts.
first = os.path.join(a.out, 'regions')
subprocess.run(dman_cmd(a.dman, 2, first), check=True)
records = json.load(open(os.path.join(first, 'dataset.json')))['records']
by_source = {}
for r in records:
    p = r['provenance']
    g = p['region']
    by_source.setdefault(p['source'], []).append({'x': g['x'], 'y': g['y'], 'side': g['width'], 'name': r['file']})
jobs = [{'path': os.path.join(a.sources, s), 'crops': c, 'crops_dir': first} for s, c in sorted(by_source.items())]
jobs_file = os.path.join(a.out, 'jobs.json')
json.dump(jobs, open(jobs_file, 'w'))
n_crops, n_pictures = len(records), len(jobs)
sizes = {}
for j in jobs:
    with Image.open(j['path']) as im:
        sizes[j['path']] = im.size


def convert_one(j, c, out):
    x, y, s = c['x'], c['y'], c['side']
    w, h = sizes[j['path']]
    if x >= 0 and y >= 0 and x + s <= w and y + s <= h:
        cut = ['-crop', '%dx%d+%d+%d' % (s, s, x, y), '+repage']
    else:
        cut = ['-virtual-pixel', 'Mirror', '-define', 'distort:viewport=%dx%d%+d%+d' % (s, s, x, y),
               '-filter', 'point', '-distort', 'SRT', '0', '+repage']
    subprocess.run(['/usr/bin/convert', j['path']] + cut + ['-filter', 'Lanczos', '-resize', '%dx%d!' % (a.size, a.size),
                                                           os.path.join(out, c['name'])], check=True)


def convert_loop(parallel, out):
    os.makedirs(out, exist_ok=True)
    work = [(j, c) for j in jobs for c in j['crops']]
    if parallel == 1:
        for j, c in work: convert_one(j, c, out)
    else:
        with ThreadPoolExecutor(parallel) as ex: list(ex.map(lambda jc: convert_one(jc[0], jc[1], out), work))


inner = {}  # side -> in-process seconds (without interpreter start-up and imports)


def ref(lib, procs, name):
    def run(out):
        r = subprocess.run([sys.executable, os.path.join(here, 'ref_crop.py'), lib, str(procs), jobs_file, out],
                           check=True, stdout=subprocess.PIPE, text=True)
        inner.setdefault(name, []).append(float(r.stdout.split()[-1]))
    return run


sides = [
    ('dman --jobs 2', lambda out: subprocess.run(dman_cmd(a.dman, 2, out), check=True), n_crops),
    ('dman --jobs 1', lambda out: subprocess.run(dman_cmd(a.dman, 1, out), check=True), n_crops),
    ('OpenCV, 1 process', ref('opencv', 1, 'OpenCV, 1 process'), n_crops),
    ('OpenCV, 2 processes', ref('opencv', 2, 'OpenCV, 2 processes'), n_crops),
    ('Pillow, 1 process', ref('pillow', 1, 'Pillow, 1 process'), n_crops),
    ('Pillow, 2 processes', ref('pillow', 2, 'Pillow, 2 processes'), n_crops),
    ('convert loop, sequential', lambda out: convert_loop(1, out), n_crops),
    ('convert loop, 2 at a time', lambda out: convert_loop(2, out), n_crops),
    ('decode only (cv2), 1 process', ref('decode', 1, 'decode only (cv2), 1 process'), n_pictures),
    ('decode only (cv2), 2 processes', ref('decode', 2, 'decode only (cv2), 2 processes'), n_pictures),
    ('encode only (cv2 PNG), 1 process', ref('encode', 1, 'encode only (cv2 PNG), 1 process'), n_crops),
]
if a.base:
    sides.insert(2, ('dman before (--base), --jobs 2', lambda out: subprocess.run(dman_cmd(a.base, 2, out), check=True), n_crops))
skip = set(s for s in a.skip.split(',') if s)
sides = [s for s in sides if s[0] not in skip]


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


wall = {s[0]: [] for s in sides}
cpus = {s[0]: [] for s in sides}
outs = {}
for rnd in range(a.rounds):
    order = sides[rnd % len(sides):] + sides[:rnd % len(sides)]
    for name, run, _ in order:
        out = os.path.join(a.out, 'r%d-%s' % (rnd, name.split(',')[0].replace(' ', '_').replace('(', '').replace(')', '')))
        shutil.rmtree(out, ignore_errors=True)
        t, c = time.perf_counter(), cpu()
        run(out)
        wall[name].append(time.perf_counter() - t)
        cpus[name].append(cpu() - c)
        outs[name] = out


def load(path):
    return np.asarray(Image.open(path).convert('RGB'), dtype=np.int16)


def compare(other):
    worst, total, count, inside_worst = 0, 0.0, 0, 0
    for r in records:
        p = load(os.path.join(outs['dman --jobs 2'], r['file']))
        q = load(os.path.join(outs[other], r['file']))
        d = np.abs(p - q)
        worst = max(worst, int(d.max()))
        total += float(d.mean())
        count += 1
    return worst, total / count


# Headline ratios: dman and OpenCV back to back, alternating which goes first, so
# that both sides of a pair see the same load; the median of per-pair ratios.
by_name = {s[0]: s[1] for s in sides}
pair_ratios = {}
for dman_side, cv_side in [('dman --jobs 2', 'OpenCV, 2 processes'), ('dman --jobs 1', 'OpenCV, 1 process')]:
    if dman_side not in by_name or cv_side not in by_name:
        continue
    ratios = []
    for i in range(a.pairs):
        t = {}
        for name in ([dman_side, cv_side] if i % 2 == 0 else [cv_side, dman_side]):
            out = os.path.join(a.out, 'pair-%d-%s' % (i, name.split(',')[0].replace(' ', '_')))
            start = time.perf_counter()
            by_name[name](out)
            t[name] = time.perf_counter() - start
            shutil.rmtree(out, ignore_errors=True)
        ratios.append(t[cv_side] / t[dman_side])
    pair_ratios[(dman_side, cv_side)] = ratios

med = {k: statistics.median(v) for k, v in wall.items()}
dman2 = med['dman --jobs 2']
print('%d crops (%d px) from %d pictures in %s; %d rounds, interleaved; load average after: %.2f %.2f %.2f' % (
    n_crops, a.size, n_pictures, a.sources, a.rounds, *os.getloadavg()))
print('%-34s %9s %9s %12s %9s %11s %12s' % ('side', 'wall (s)', 'items/s', 'vs dman -j2', 'CPU (s)', 'spread', 'in-process'))
for name, _, items in sides:
    m = med[name]
    unit = 'pictures' if 'decode' in name else 'crops'
    spread = '%.2f-%.2f' % (min(wall[name]), max(wall[name]))
    own = '%.3f s %6.1f/s' % (statistics.median(inner[name]), items / statistics.median(inner[name])) if name in inner else ''
    print('%-34s %9.3f %9.1f %11.2fx %9.3f %11s %16s  (%s)' % (name, m, items / m, m / dman2, statistics.median(cpus[name]),
                                                             spread, own, unit))
if 'decode only (cv2), 2 processes' in med:
    print('dman -j2 pictures/s vs decode-only pictures/s at 2 processes: %.0f%%; at 1 process vs dman -j1: %.0f%%' % (
        100 * (n_pictures / dman2) / (n_pictures / med['decode only (cv2), 2 processes']),
        100 * (n_pictures / med['dman --jobs 1']) / (n_pictures / med['decode only (cv2), 1 process'])))
    print('  same, against decode-only in-process time (no start-up): %.0f%% at 2, %.0f%% at 1' % (
        100 * statistics.median(inner['decode only (cv2), 2 processes']) / dman2,
        100 * statistics.median(inner['decode only (cv2), 1 process']) / med['dman --jobs 1']))
if 'decode only (cv2), 2 processes' in inner and 'encode only (cv2 PNG), 1 process' in inner:
    ceiling = statistics.median(inner['decode only (cv2), 2 processes']) + statistics.median(inner['encode only (cv2 PNG), 1 process']) / 2
    print('decode+encode ceiling at 2 processes (in-process; encode-only from 1 process, halved): %.3f s; dman -j2 reaches %.0f%%' % (
        ceiling, 100 * ceiling / dman2))
for (d, c), r in pair_ratios.items():
    print('%s / %s, %d back-to-back pairs: median %.2fx (range %.2f-%.2f)' % (c, d, len(r), statistics.median(r), min(r), max(r)))
if 'OpenCV, 1 process' in outs:
    w, m = compare('OpenCV, 1 process')
    print('dman vs OpenCV crops: largest difference %d/255, mean %.2f/255 (different Lanczos kernels; dman also DCT-scales)' % (w, m))
if a.base:
    w, m = compare('dman before (--base), --jobs 2')
    print('dman vs --base crops: largest difference %d/255, mean %.3f/255' % (w, m))
