#!/usr/bin/env python3
"""Golden vectors for Tests/DatasetAuditTests/PerceptualHashTests.swift,
produced by Python imagehash (the reference).

Usage (from the repository root):
  python3 bench/audit/make_hash_golden.py Tests/DatasetAuditTests/Fixtures
Writes hash_golden.json (32x32 grayscale inputs as hex + imagehash's
phash/dhash/average_hash/whash of Image.fromarray(gray, "L")) and
rgb_80x56.png + its hashes from imagehash on Image.open(png) (Pillow's own
convert("L") and Lanczos resize). Inputs are seeded synthetic pictures
without exact coefficient ties (flat or mirror-symmetric inputs make pHash
bits depend on floating-point rounding noise, in imagehash as anywhere);
cases whose whash block sums tie at the median are flagged
`whash_median_tie` (there pywt's rounding picks the bit).
"""
import json, os, sys
import numpy as np, imagehash, PIL, scipy
from PIL import Image

out = sys.argv[1]
rng = np.random.default_rng(20261129)
cases = []
def add(name, arr):
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    im = Image.fromarray(arr, "L")
    # whash compares 4x4 block sums with their median; when sums tie at the
    # median, pywt's floating-point rounding decides the bit (flagged).
    sums = np.sort(arr.astype(np.int64).reshape(8, 4, 8, 4).sum(axis=(1, 3)).ravel())
    med2 = sums[31] + sums[32]
    tie = bool(np.any(2 * sums == med2)) or bool(sums[31] == sums[32])
    cases.append({"name": name, "gray32": arr.tobytes().hex(), "whash_median_tie": tie,
                  "phash": str(imagehash.phash(im)), "dhash": str(imagehash.dhash(im)),
                  "ahash": str(imagehash.average_hash(im)), "whash": str(imagehash.whash(im))})
y, x = np.mgrid[0:32, 0:32]
for i in range(6):
    add(f"noise{i}", rng.integers(0, 256, (32, 32)))
for i in range(6):
    base = rng.normal(128, 60, (8, 8))
    smooth = np.kron(base, np.ones((4, 4))) + rng.normal(0, 6, (32, 32))
    add(f"smooth{i}", smooth)
for i in range(4):
    a, b = rng.uniform(-4, 4, 2)
    add(f"gradient_noise{i}", 128 + a * (x - 15.3) + b * (y - 16.7) + rng.normal(0, 10, (32, 32)))
for i in range(4):
    cx, cy, r = rng.uniform(8, 24, 3)
    blob = np.where((x - cx) ** 2 + (y - cy) ** 2 < r * r, 200, 40) + rng.normal(0, 8, (32, 32))
    add(f"blob{i}", blob)

# An RGB picture decoded and resized by Pillow itself.
rgb = np.zeros((56, 80, 3))
for c in range(3):
    rgb[..., c] = 128 + 60 * np.sin(np.mgrid[0:56, 0:80][1] * (0.07 + 0.05 * c)) + 40 * np.cos(np.mgrid[0:56, 0:80][0] * (0.11 - 0.03 * c))
rgb += rng.normal(0, 12, rgb.shape)
png = os.path.join(out, "rgb_80x56.png")
Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB").save(png)
im = Image.open(png)
picture = {"file": "rgb_80x56.png", "phash": str(imagehash.phash(im)), "dhash": str(imagehash.dhash(im)),
           "ahash": str(imagehash.average_hash(im)), "whash": str(imagehash.whash(im))}
json.dump({"generator": "bench/audit/make_hash_golden.py",
           "versions": {"imagehash": imagehash.__version__, "Pillow": PIL.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
           "cases": cases, "picture": picture}, open(os.path.join(out, "hash_golden.json"), "w"), indent=1)
print(f"wrote {len(cases)} cases and {png}")
