#!/usr/bin/env python3
"""Golden values of torch.nn.utils.spectral_norm for a small conv weight.

A Conv2d(3 -> 4, 3x3) weight is viewed as 4 x 27; torch's persistent u and v
are set to fixed unit vectors, then three training-mode forwards run (one
power iteration each) and one backward with a fixed upstream gradient dL/dWsn
(autograd through W/sigma with u, v detached, as torch does).

    python3 bench/gan-extras/spectralnorm_golden.py > Tests/GANCoreTests/Fixtures/spectralnorm_golden.json
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float32)
OUT, IN, K = 4, 3, 3
i = torch.arange(OUT * IN * K * K, dtype=torch.float64)
w0 = (torch.sin(i * 0.7) * 0.5 + torch.cos(i * 0.13) * 0.3).float().reshape(OUT, IN, K, K)
u0 = torch.cos(torch.arange(OUT, dtype=torch.float64) * 1.3 + 0.2).float()
v0 = torch.sin(torch.arange(IN * K * K, dtype=torch.float64) * 0.9 + 0.4).float()
u0, v0 = u0 / u0.norm(), v0 / v0.norm()
g = (torch.cos(i * 0.31) * 0.8).float().reshape(OUT, IN, K, K)

conv = torch.nn.Conv2d(IN, OUT, K, bias=False)
with torch.no_grad():
    conv.weight.copy_(w0)
conv = torch.nn.utils.spectral_norm(conv, n_power_iterations=1)
with torch.no_grad():
    conv.weight_orig.copy_(w0)
    conv.weight_u.copy_(u0)
    conv.weight_v.copy_(v0)
conv.train()
sigmas = []
for step in range(3):
    conv.weight_orig.grad = None
    x = torch.zeros(1, IN, K, K)
    conv(x)  # the forward pre-hook recomputes conv.weight = W / sigma
    wsn = conv.weight
    sigmas.append(float((conv.weight_orig.detach().reshape(OUT, -1) @ conv.weight_v) @ conv.weight_u))
(wsn * g).sum().backward()
json.dump({
    "command": "python3 bench/gan-extras/spectralnorm_golden.py",
    "rows": OUT, "cols": IN * K * K,
    "weight": w0.reshape(-1).tolist(), "u0": u0.tolist(), "v0": v0.tolist(), "gradNormalized": g.reshape(-1).tolist(),
    "sigmas": sigmas,
    "u": conv.weight_u.tolist(), "v": conv.weight_v.tolist(),
    "normalized": wsn.detach().reshape(-1).tolist(),
    "gradWeight": conv.weight_orig.grad.reshape(-1).tolist(),
}, sys.stdout)
print()
