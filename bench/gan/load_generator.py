"""Loads a dman DCGAN checkpoint into PyTorch and checks it draws the same images.

    python3 bench/gan/load_generator.py CHECKPOINT.safetensors GENERATED_DIR

GENERATED_DIR is what `dman generate` wrote from that
checkpoint: `generated.safetensors` holds the z it used and its float images,
`image-0001.png`... the 8-bit pictures. The checkpoint is read with
safetensors.torch.load_file; its generator tensors (names `g_*`) load with
strict=True into the short model of dcgan_torch.py, in eval mode (BatchNorm
running statistics, as `dman generate`).
"""
import json
import os
import sys

import numpy as np
import torch
from PIL import Image
from safetensors import safe_open
from safetensors.torch import load_file

sys.path.insert(0, os.path.dirname(__file__))
from dcgan_torch import Generator

ckpt, gen_dir = sys.argv[1], sys.argv[2]
with safe_open(ckpt, "pt") as f:
    config = json.loads(f.metadata()["config"])
state = load_file(ckpt)
G = Generator(config["imageSize"], config["zDim"], config["generatorWidth"])
# As `dman generate`: a checkpoint with EMA copies (`ema.g_*`, --ema / --recipe fewshot) draws with them.
G.load_state_dict({k: state.get("ema." + k, v) for k, v in state.items() if k.startswith("g_")}, strict=True)
G.eval()

gen = load_file(os.path.join(gen_dir, "generated.safetensors"))
with torch.no_grad():
    images = G(gen["z"])
diff = (images - gen["images"]).abs().max().item()
pix = ((images.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)
worst_png = 0
for i in range(images.shape[0]):
    png = np.asarray(Image.open(os.path.join(gen_dir, f"image-{i + 1:04d}.png")).convert("RGB"))
    ours = pix[i].permute(1, 2, 0).numpy()
    worst_png = max(worst_png, int(np.abs(png.astype(int) - ours.astype(int)).max()))
print(f"{images.shape[0]} images {tuple(images.shape[1:])}: max |PyTorch - dman| = {diff:.2e} (float), "
      f"{worst_png} (8-bit levels)")
ok = diff < 1e-4 and worst_png <= 1
print("OK: PyTorch loads the dman generator and draws the same images" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
