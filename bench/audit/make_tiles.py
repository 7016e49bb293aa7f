#!/usr/bin/env python3
"""Writes N 128x128 PNG tiles cut at seeded random places from the realistic
source pictures (make_sets.sh's sources/), for the speed benchmark.
Usage: python3 bench/audit/make_tiles.py SOURCES_DIR OUT_DIR [N=10000] [SEED=1]"""
import os, random, sys
from PIL import Image

src, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
os.makedirs(out, exist_ok=True)
pics = [Image.open(os.path.join(src, f)).convert("RGB") for f in sorted(os.listdir(src)) if f.lower().endswith((".png", ".jpg", ".jpeg"))]
for i in range(n):
    p = pics[rng.randrange(len(pics))]
    side = rng.randrange(128, min(p.size) + 1)
    x, y = rng.randrange(p.size[0] - side + 1), rng.randrange(p.size[1] - side + 1)
    tile = p.crop((x, y, x + side, y + side)).resize((128, 128), Image.LANCZOS)
    tile.save(os.path.join(out, f"t{i:05d}.png"))
