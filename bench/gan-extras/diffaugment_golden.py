#!/usr/bin/env python3
"""Golden forward outputs of the OFFICIAL DiffAugment_pytorch.py with injected draws.

The official file (mit-han-lab/data-efficient-gans, DiffAugment_pytorch.py) is
loaded unchanged from --official; its `torch.rand` / `torch.randint` calls are
answered from fixed parameter tables instead of random draws, so the Swift test
can apply the very same parameters and compare outputs.

    git -C /work/.mirror/mit-han-lab+data-efficient-gans/repo show HEAD:DiffAugment_pytorch.py > /tmp/DiffAugment_pytorch.py
    python3 bench/gan-extras/diffaugment_golden.py --official /tmp/DiffAugment_pytorch.py \
        > Tests/GANCoreTests/Fixtures/diffaugment_golden.json
"""
import argparse
import importlib.util
import json
import types

import numpy as np
import torch

N, C, H, W = 3, 3, 12, 10  # non-square on purpose: catches row/column mix-ups

# Per-image parameters in the official meaning (values after the affine maps):
PARAMS = {
    "brightness": [-0.31, 0.12, 0.45],        # rand - 0.5
    "saturation": [0.2, 1.7, 1.05],           # rand * 2
    "contrast": [0.6, 1.4, 0.93],             # rand + 0.5
    "shiftY": [-1, 2, -2],                    # translation_x (rows), |.| <= int(12/8 + .5) = 2
    "shiftX": [1, -1, 0],                     # translation_y (cols), |.| <= int(10/8 + .5) = 1
    "cutoutY": [0, 7, 12],                    # offset_x in [0, H + 1 - 6 % 2) = [0, 13)
    "cutoutX": [9, 3, 0],                     # offset_y in [0, W + 1 - 5 % 2) = [0, 10)
}


class InjectedTorch(types.ModuleType):
    """Delegates to torch, but rand/randint return queued tensors."""

    def __init__(self):
        super().__init__("torch")
        self.queue = []

    def __getattr__(self, name):
        return getattr(torch, name)

    def rand(self, *size, dtype=None, device=None):
        t = self.queue.pop(0)
        assert tuple(t.shape) == tuple(size), (t.shape, size)
        return t.to(dtype)

    def randint(self, low, high, size, device=None):
        t = self.queue.pop(0)
        assert tuple(t.shape) == tuple(size), (t.shape, size)
        assert int(t.min()) >= low and int(t.max()) < high, (t, low, high)
        return t


def compact(v):
    """Float32 value with 8 significant digits (enough to round-trip to 1e-7)."""
    return float("%.8g" % float(v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--official", required=True, help="path to DiffAugment_pytorch.py")
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("DiffAugment_pytorch", args.official)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    fake = InjectedTorch()
    mod.torch = fake

    # Deterministic input in [-1, 1] (values stored in the fixture anyway).
    i = np.arange(N * C * H * W, dtype=np.int64)
    x = (((i * 37 + (i // 7) * 11) % 101) / 50.0 - 1.0).astype(np.float32).reshape(N, C, H, W)
    p = PARAMS

    def queue_for(policy):
        q = []
        for name in policy.split(","):
            if name == "color":
                q.append(torch.tensor(p["brightness"], dtype=torch.float64).reshape(N, 1, 1, 1) + 0.5)
                q.append(torch.tensor(p["saturation"], dtype=torch.float64).reshape(N, 1, 1, 1) / 2)
                q.append(torch.tensor(p["contrast"], dtype=torch.float64).reshape(N, 1, 1, 1) - 0.5)
            elif name == "translation":
                q.append(torch.tensor(p["shiftY"]).reshape(N, 1, 1))
                q.append(torch.tensor(p["shiftX"]).reshape(N, 1, 1))
            elif name == "cutout":
                q.append(torch.tensor(p["cutoutY"]).reshape(N, 1, 1))
                q.append(torch.tensor(p["cutoutX"]).reshape(N, 1, 1))
        return q

    outputs = {}
    for policy in ["color", "translation", "cutout", "color,translation,cutout", "cutout,translation"]:
        fake.queue = queue_for(policy)
        y = mod.DiffAugment(torch.from_numpy(x.copy()), policy=policy)
        assert not fake.queue
        outputs[policy] = [compact(v) for v in y.numpy().reshape(-1)]

    # Autograd gradient of sum(r * DiffAugment(x)) for the full policy.
    policy = "color,translation,cutout"
    fake.queue = queue_for(policy)
    r = torch.from_numpy((((i * 53) % 97) / 48.0 - 1.0).astype(np.float32).reshape(N, C, H, W))
    xt = torch.from_numpy(x.copy()).requires_grad_(True)
    (mod.DiffAugment(xt, policy=policy) * r).sum().backward()
    gradient = {"policy": policy, "upstream": [compact(v) for v in r.numpy().reshape(-1)],
                "input": [compact(v) for v in xt.grad.numpy().reshape(-1)]}

    json.dump({
        "command": "python3 bench/gan-extras/diffaugment_golden.py --official DiffAugment_pytorch.py",
        "shape": [N, C, H, W],
        "input": [compact(v) for v in x.reshape(-1)],
        "parameters": p,
        "outputs": outputs,
        "gradient": gradient,
    }, __import__("sys").stdout)


if __name__ == "__main__":
    main()
