#!/usr/bin/env python3
"""Writes N (default 200) ~1 MP source pictures with one or two boxes each,
plus a native dman crop manifest, into OUT (default bench/out/crop/inputs).

Deterministic (seeded). Pictures are 1152x864 (~1.0 MP) JPEGs (quality 90)
with smooth colour fields and noise, so decoding costs what a photo costs.
Every box's square (10% margin) fits inside its picture, so dman and the
per-crop `convert` loop do exactly the same work: crop + Lanczos resize.
"""
import json, os, sys
import numpy as np
from PIL import Image

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'out', 'crop', 'inputs')
n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(2024)
W, H = 1152, 864
yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
images = []
for i in range(n):
    f = rng.uniform(0.002, 0.02, size=(3, 2))
    ph = rng.uniform(0, 6.28, size=(3,))
    rgb = np.stack([127 + 90 * np.sin(xx * f[c, 0] + yy * f[c, 1] + ph[c]) for c in range(3)], axis=-1)
    rgb += rng.normal(0, 12, size=rgb.shape)
    name = 'src_%04d.jpg' % (i + 1)
    Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(os.path.join(out, name), quality=90)
    boxes = []
    for _ in range(1 + (i % 5 == 0)):
        s = int(rng.uniform(120, 600))
        w, h = s, int(s * rng.uniform(0.6, 1.0))
        side = round(max(w, h) * 1.1)
        cx = rng.uniform(side / 2 + 1, W - side / 2 - 1)
        cy = rng.uniform(side / 2 + 1, H - side / 2 - 1)
        boxes.append({'x': int(cx - w / 2), 'y': int(cy - h / 2), 'w': w, 'h': h, 'label': 'thing'})
    images.append({'file': name, 'width': W, 'height': H, 'boxes': boxes})
with open(os.path.join(out, 'manifest.json'), 'w') as fh:
    json.dump({'format': 'dman-crop-manifest', 'version': 1, 'images': images}, fh, indent=1)
print('%d pictures, %d boxes in %s' % (n, sum(len(e['boxes']) for e in images), out))
