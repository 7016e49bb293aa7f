#!/usr/bin/env python3
"""A realistic dataset folder with families, for trying dedupe and the
balanced order: every gan64 sprite (make_sets.sh's gan64/) becomes a family
of 3 images (original, mirrored, 8% brighter), described in dataset.json.
Usage: python3 bench/audit/make_family_set.py GAN64_DIR OUT_DIR"""
import hashlib, json, os, sys
from PIL import Image, ImageEnhance, ImageOps

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
records = []
for name in sorted(f for f in os.listdir(src) if f.endswith(".png")):
    stem = name[:-4]
    im = Image.open(os.path.join(src, name)).convert("RGB")
    variants = {"o": im, "flop": ImageOps.mirror(im), "bright": ImageEnhance.Brightness(im).enhance(1.08)}
    for tag, v in variants.items():
        rid = f"{stem}__{tag}"
        path = os.path.join(out, rid + ".png")
        v.save(path)
        data = open(path, "rb").read()
        records.append({"id": rid, "file": rid + ".png", "sha256": hashlib.sha256(data).hexdigest(),
                        "width": v.width, "height": v.height, "family": stem,
                        "provenance": {"source": name, "sourceWidth": im.width, "sourceHeight": im.height,
                                       "padFraction": 0.0, "upscale": 1.0,
                                       "transforms": [] if tag == "o" else [{"name": tag, "stage": "augment", "parameters": {}}]}})
json.dump({"format": "dman-dataset", "version": 1, "stage": "augment", "records": records},
          open(os.path.join(out, "dataset.json"), "w"), indent=2, sort_keys=True)
print(f"{len(records)} records in {out}")
