"""Writes Tests/GANCoreTests/Fixtures/fastgan.safetensors: PyTorch references for
GANCore's FastGAN pieces (issue 12). From the repository root:

    python3 bench/gan-fastgan/make_golden.py Tests/GANCoreTests/Fixtures

Seeded (torch.manual_seed(20261206), one thread). Arrays are float32, NCHW /
PyTorch parameter layouts. The safetensors file is written by the 20-line writer
below (the `safetensors` package is not needed).

Groups (each with x, y, upstream dy, dx, and parameters p<i> with p<i>.grad in
state_dict order):
  up.*    nn.Upsample(scale_factor=2, mode="nearest") on 2x3x3x4
  pool.*  nn.AdaptiveAvgPool2d(4) on 2x3x8x8
  sig.*   nn.Sigmoid on 2x3x2x2
  sle.*   skip-layer excitation: low 2x4x8x8, x (high) 2x3x6x6,
          y = x * sigmoid(conv1x1(leaky_relu_0.1(conv4x4(adaptive_avg_pool4(low))))); also dlow
  rec.*   reconstruction branch on a 2x16x4x4 feature: decoder = Conv3x3(16->8) -> BatchNorm(8, training)
          -> LeakyReLU(0.2) -> Upsample(2) -> Conv3x3(8->3) -> Tanh; target 2x3x16x16
          average-pooled to 8x8; loss = mse; y = x (identity); dx = dy + d(loss)/dx
  gen.*   a whole FastGAN generator at 64 px (z 8, gf 4, batch 2, training-mode BatchNorm; excitations 4 -> 16
          and 8 -> 32), upsample + conv 3x3:
          gen.<state_dict name> weights, gen.z, gen.y, gen.dy and gen.<name>.grad
  gent.*  the same with 5x5 stride-2 "SAME" transposed convolutions (GANCore's default)
"""
import json
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "gan"))
from dcgan_torch import SameConvTranspose2d  # TF "SAME" conv2d_transpose, as in GANCore's golden files

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/GANCoreTests/Fixtures"
torch.manual_seed(20261206)
torch.set_num_threads(1)


def save_safetensors(tensors, path):
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        data = tensors[name].detach().contiguous().float().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def rand(*shape, scale=1.0):
    return torch.randn(*shape) * scale


def golden(prefix, module, x, out, extra_inputs=()):
    """Runs module(x, *extra) and records y, dy, dx and parameter gradients under prefix."""
    x = x.clone().requires_grad_(True)
    extras = [e.clone().requires_grad_(True) for e in extra_inputs]
    y = module(x, *extras)
    dy = rand(*y.shape)
    if isinstance(module, Reconstruction):
        (y * dy).sum().add(module.loss).backward()
    else:
        y.backward(dy)
    out.update({prefix + "x": x.detach(), prefix + "y": y.detach(), prefix + "dy": dy, prefix + "dx": x.grad})
    for i, e in enumerate(extras):
        out[prefix + f"extra{i}"] = e.detach()
        out[prefix + f"dextra{i}"] = e.grad
    for i, (_, p) in enumerate(module.named_parameters()):
        out[prefix + f"p{i}"] = p.detach().clone()
        out[prefix + f"p{i}.grad"] = p.grad.clone()


class SLE(nn.Module):
    def __init__(self, c_low, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c_low, c, 4, 1, 0)
        self.conv2 = nn.Conv2d(c, c, 1, 1, 0)

    def gate(self, low):
        return torch.sigmoid(self.conv2(F.leaky_relu(self.conv1(F.adaptive_avg_pool2d(low, 4)), 0.1)))

    def forward(self, high, low):
        return high * self.gate(low)


class Reconstruction(nn.Module):
    def __init__(self, c, target):
        super().__init__()
        self.decoder = nn.Sequential(nn.Conv2d(c, c // 2, 3, 1, 1), nn.BatchNorm2d(c // 2), nn.LeakyReLU(0.2),
                                     nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c // 2, 3, 3, 1, 1), nn.Tanh())
        self.target = target

    def forward(self, x):
        rec = self.decoder(x)
        self.loss = F.mse_loss(rec, F.adaptive_avg_pool2d(self.target, rec.shape[2]))
        return x


class Generator(nn.Module):
    """FastGAN generator as GANCore's FastGANLayers builds it."""

    def __init__(self, z_dim, gf, size, transposed):
        super().__init__()
        s = {16: 2, 32: 3, 64: 4}[size]
        self.s, self.transposed = s, transposed
        self.ch = [gf << (s - 1 - i) for i in range(s)] + [3]
        self.g_h0_lin = nn.Linear(z_dim, self.ch[0] * 16)
        self.g_bn0 = nn.BatchNorm2d(self.ch[0])
        for i in range(1, s + 1):
            if transposed:
                setattr(self, f"g_h{i}", SameConvTranspose2d(self.ch[i - 1], self.ch[i], 5, 2, padding=1))
            else:
                setattr(self, f"g_h{i}", nn.Conv2d(self.ch[i - 1], self.ch[i], 3, 1, 1))
            if i < s:
                setattr(self, f"g_bn{i}", nn.BatchNorm2d(self.ch[i]))
            if 2 <= i < s:
                setattr(self, f"g_sle{i}", SLE(self.ch[i - 2], self.ch[i]))

    def forward(self, z):
        h = F.relu(self.g_bn0(self.g_h0_lin(z).view(z.shape[0], self.ch[0], 4, 4)))
        feats = [h]
        for i in range(1, self.s + 1):
            up = h if self.transposed else F.interpolate(h, scale_factor=2, mode="nearest")
            h = getattr(self, f"g_h{i}")(up)
            if i == self.s:
                return torch.tanh(h)
            h = F.relu(getattr(self, f"g_bn{i}")(h))
            if i >= 2:
                h = getattr(self, f"g_sle{i}")(h, feats[i - 2])
            feats.append(h)


def main():
    t = {}
    golden("up.", nn.Upsample(scale_factor=2, mode="nearest"), rand(2, 3, 3, 4), t)
    golden("pool.", nn.AdaptiveAvgPool2d(4), rand(2, 3, 8, 8), t)
    golden("sig.", nn.Sigmoid(), rand(2, 3, 2, 2, scale=3), t)
    sle = SLE(4, 3)
    with torch.no_grad():
        for p in sle.parameters():
            p.copy_(rand(*p.shape, scale=0.3))
    golden("sle.", sle, rand(2, 3, 6, 6), t, extra_inputs=[rand(2, 4, 8, 8)])
    target = torch.rand(2, 3, 16, 16) * 2 - 1
    rec = Reconstruction(16, target)
    with torch.no_grad():
        for name, p in rec.named_parameters():
            p.copy_(rand(*p.shape, scale=0.2) + (1 if name.endswith("1.weight") else 0))
    golden("rec.", rec, rand(2, 16, 4, 4), t)
    t["rec.target"] = target
    t["rec.loss"] = rec.loss.detach().reshape(1)
    for prefix, transposed in [("gen.", False), ("gent.", True)]:
        g = Generator(8, 4, 64, transposed)
        with torch.no_grad():
            for name, p in g.named_parameters():
                p.copy_(rand(*p.shape, scale=0.3) + (1 if "bn" in name and name.endswith("weight") else 0))
        z = rand(2, 8)
        y = g(z)
        dy = rand(*y.shape)
        y.backward(dy)
        t.update({prefix + "z": z, prefix + "y": y.detach(), prefix + "dy": dy})
        for name, p in g.named_parameters():
            t[prefix + name] = p.detach().clone()
            t[prefix + name + ".grad"] = p.grad.clone()
    save_safetensors(t, os.path.join(OUT, "fastgan.safetensors"))
    print(f"wrote {len(t)} tensors to {OUT}/fastgan.safetensors")


if __name__ == "__main__":
    main()
