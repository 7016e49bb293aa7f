#!/usr/bin/env python3
"""Make the benchmark input: the first 212 annotated boxes of the realistic
set (/work/wt/_data/sources/boxes.json, built by /work/shared/data/make_sets.sh)
cut as squares around each box and resized to 128x128 with Lanczos.

usage: make_crops.py SOURCES_DIR OUT_DIR [COUNT=212] [SIDE=128]
"""
import json, os, sys
from PIL import Image

src, out = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 212
side = int(sys.argv[4]) if len(sys.argv) > 4 else 128
os.makedirs(out, exist_ok=True)
boxes = json.load(open(os.path.join(src, "boxes.json")))["images"]
n = 0
for entry in boxes:
    im = Image.open(os.path.join(src, entry["file"])).convert("RGB")
    for k, b in enumerate(entry["boxes"]):
        if n == count:
            break
        s = min(max(b["w"], b["h"]), im.width, im.height)
        cx, cy = b["x"] + b["w"] / 2, b["y"] + b["h"] / 2
        x = int(min(max(cx - s / 2, 0), im.width - s))
        y = int(min(max(cy - s / 2, 0), im.height - s))
        crop = im.crop((x, y, x + s, y + s)).resize((side, side), Image.LANCZOS)
        stem = os.path.splitext(entry["file"])[0]
        crop.save(os.path.join(out, f"{stem}_{k}.png"))
        n += 1
print(f"{n} crops of {side}px in {out}")
