"""Loads the discriminator of a dman checkpoint trained with --spectral-norm into
PyTorch, with torch.nn.utils.spectral_norm on every conv and linear layer, by
state_dict names (strict), and checks that PyTorch's W = W_orig / σ(u, v) equals
the weight dman divides by the same σ.

    dman train SET -o run --spectral-norm ... && \
    python3 bench/gan-extras/load_sn_discriminator.py run/checkpoints/step-NNNNNNNN.safetensors
"""
import json
import os
import sys

import torch
from safetensors import safe_open
from safetensors.torch import load_file

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "gan"))
from dcgan_torch import Discriminator

ckpt = sys.argv[1]
with safe_open(ckpt, "pt") as f:
    config = json.loads(f.metadata()["config"])
state = load_file(ckpt)
D = Discriminator(config["imageSize"], config["discriminatorWidth"])
for name, module in list(D.named_children()):
    if name.startswith("d_h"):  # SameConv2d is an nn.Conv2d; the last one is nn.Linear
        torch.nn.utils.spectral_norm(module, name="weight")
loaded = {k: v for k, v in state.items() if k.startswith("d_")}
D.load_state_dict(loaded, strict=True)
print(f"loaded {len(loaded)} D tensors with strict=True")
worst = 0.0
for name, module in D.named_children():
    if name.startswith("d_h"):
        w = module.weight_orig.detach().reshape(module.weight_orig.shape[0], -1)
        sigma = torch.dot(module.weight_u, w @ module.weight_v).item()
        print(f"{name}: sigma(u, v) = {sigma:.5f}")
        worst = max(worst, abs(sigma))
x = torch.zeros(2, 3, config["imageSize"], config["imageSize"])
D.eval()
with torch.no_grad():
    print("eval-mode logits of a grey batch:", D(x).flatten().tolist())
