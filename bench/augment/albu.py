#!/usr/bin/env python3
"""Reference (b): albumentations + OpenCV, the same job as the dman plan:
per input, 15 outputs at 64 px from Rotate(±5, reflect border), UnsharpMask,
HorizontalFlip and Resize, each written with cv2.imwrite.

usage: albu.py IN_DIR OUT_DIR [PROCESSES=1] [VARIANTS=15]
"""
import os, sys
from multiprocessing import Pool

import albumentations as A
import cv2

inp, out = sys.argv[1], sys.argv[2]
procs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
variants = int(sys.argv[4]) if len(sys.argv) > 4 else 15
os.makedirs(out, exist_ok=True)

def pipeline():
    return A.Compose([
        A.HorizontalFlip(p=0.5),
        A.Rotate(limit=5, interpolation=cv2.INTER_LINEAR, border_mode=cv2.BORDER_REFLECT_101, p=1.0),
        A.UnsharpMask(blur_limit=(3, 7), sigma_limit=1.0, alpha=(0.5, 1.0), threshold=10, p=0.5),
        A.Resize(64, 64, interpolation=cv2.INTER_AREA),
    ], seed=1)

def work(names):
    cv2.setNumThreads(1)
    aug = pipeline()
    for name in names:
        img = cv2.imread(os.path.join(inp, name), cv2.IMREAD_COLOR)
        stem = os.path.splitext(name)[0]
        for k in range(variants):
            cv2.imwrite(os.path.join(out, f"{stem}_{k:02d}.png"), aug(image=img)["image"])
    return len(names) * variants

names = sorted(n for n in os.listdir(inp) if n.endswith(".png"))
if procs == 1:
    total = work(names)
else:
    with Pool(procs) as pool:
        total = sum(pool.map(work, [names[i::procs] for i in range(procs)]))
print(f"albumentations {A.__version__} + OpenCV {cv2.__version__}: {total} outputs, {procs} process(es)")
