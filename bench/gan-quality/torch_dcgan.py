#!/usr/bin/env python3
"""The reference side of the issue-12 experiment: pytorch/examples' DCGAN with 5x5 kernels.

    python3 bench/gan-quality/torch_dcgan.py DATASET OUT --size 32 --time-limit 1200 --seed 33

What a user would pick instead of dman: https://github.com/pytorch/examples/blob/main/dcgan/main.py
(nz 100, ngf = ndf = 64, Adam 2e-4 / beta1 0.5, BCE, one D step and one G step per iteration,
N(0, 0.02) weights, BN weights N(1, 0.02), z ~ N(0, 1), no augmentation), with every stride-2
4x4 convolution replaced by a 5x5 one (padding 2; output_padding 1 in G), as carpedm20's DCGAN
and dman have them. 32 px drops the example's first 64-px level on both sides.

Trains on one thread (torch.set_num_threads(1), as dman's runs get `--threads 1`) until the
wall-clock budget has passed, counted from the first iteration (dman's `--time-limit` counts
the same way), then writes COUNT samples as PNGs to OUT/samples/ (the generator in train mode,
batches of 64, as the example makes its `fixed_noise` grid) and OUT/run.json (iterations, wall,
CPU seconds, peak RSS). Score them with
`dman eval OUT/samples DATASET --images --count 256 --resize --size 32 --seed 7`.
"""
import argparse
import json
import os
import resource
import time

import numpy as np
import torch
import torch.nn as nn
from PIL import Image


def load(folder, size):
    names = sorted(n for n in os.listdir(folder) if n.lower().endswith(".png"))
    images = []
    for n in names:
        with Image.open(os.path.join(folder, n)) as im:
            im = im.convert("RGB")
            if im.size != (size, size):
                im = im.resize((size, size), Image.LANCZOS)
            images.append(np.asarray(im, dtype=np.float32) / 127.5 - 1.0)
    return torch.from_numpy(np.stack(images)).permute(0, 3, 1, 2).contiguous()


def generator(size, nz, ngf):
    levels = {32: 3, 64: 4}[size]
    top = ngf * 2 ** (levels - 1)
    layers = [nn.ConvTranspose2d(nz, top, 4, 1, 0, bias=False), nn.BatchNorm2d(top), nn.ReLU(True)]
    ch = top
    for _ in range(levels - 1):
        layers += [nn.ConvTranspose2d(ch, ch // 2, 5, 2, 2, output_padding=1, bias=False),
                   nn.BatchNorm2d(ch // 2), nn.ReLU(True)]
        ch //= 2
    layers += [nn.ConvTranspose2d(ch, 3, 5, 2, 2, output_padding=1, bias=False), nn.Tanh()]
    return nn.Sequential(*layers)


def discriminator(size, ndf):
    levels = {32: 3, 64: 4}[size]
    layers = [nn.Conv2d(3, ndf, 5, 2, 2, bias=False), nn.LeakyReLU(0.2, inplace=True)]
    ch = ndf
    for _ in range(levels - 1):
        layers += [nn.Conv2d(ch, ch * 2, 5, 2, 2, bias=False), nn.BatchNorm2d(ch * 2), nn.LeakyReLU(0.2, inplace=True)]
        ch *= 2
    layers += [nn.Conv2d(ch, 1, 4, 1, 0, bias=False), nn.Sigmoid()]
    return nn.Sequential(*layers)


def weights_init(m):
    name = m.__class__.__name__
    if name.find("Conv") != -1:
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif name.find("BatchNorm") != -1:
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dataset")
    p.add_argument("out")
    p.add_argument("--size", type=int, default=32, choices=[32, 64])
    p.add_argument("--time-limit", type=float, required=True, help="seconds of wall clock")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--width", type=int, default=64, help="ngf = ndf (the example's default 64)")
    p.add_argument("--count", type=int, default=256)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    data = load(a.dataset, a.size)
    nz = 100
    G, D = generator(a.size, nz, a.width), discriminator(a.size, a.width)
    G.apply(weights_init)
    D.apply(weights_init)
    bce = nn.BCELoss()
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(data), batch_size=a.batch, shuffle=True)
    iterations, start, cpu0 = 0, time.monotonic(), time.process_time()
    done = False
    while not done:
        for (real,) in loader:
            n = real.size(0)
            D.zero_grad()
            err_real = bce(D(real).view(-1), torch.ones(n))
            err_real.backward()
            fake = G(torch.randn(n, nz, 1, 1))
            err_fake = bce(D(fake.detach()).view(-1), torch.zeros(n))
            err_fake.backward()
            opt_d.step()
            G.zero_grad()
            err_g = bce(D(fake).view(-1), torch.ones(n))
            err_g.backward()
            opt_g.step()
            iterations += 1
            if time.monotonic() - start >= a.time_limit:
                done = True
                break
    wall, cpu = time.monotonic() - start, time.process_time() - cpu0
    samples = os.path.join(a.out, "samples")
    os.makedirs(samples, exist_ok=True)
    gen = torch.Generator().manual_seed(7)
    with torch.no_grad():
        for b in range(0, a.count, 64):
            z = torch.randn(min(64, a.count - b), nz, 1, 1, generator=gen)
            x = ((G(z).clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).permute(0, 2, 3, 1).numpy()
            for i, img in enumerate(x):
                Image.fromarray(img).save(os.path.join(samples, f"{b + i:04d}.png"))
    info = {"iterations": iterations, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "size": a.size,
            "width": a.width, "batch": a.batch, "seed": a.seed, "torch": torch.__version__}
    with open(os.path.join(a.out, "run.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
