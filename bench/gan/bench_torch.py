"""PyTorch reference timing for bench/gan/run.sh: carpedm20's DCGAN, same architecture
as GANCore (dcgan_torch.py), one iteration = 1 D step (real + fake) + 2 G steps.

    python3 bench/gan/bench_torch.py [--threads 2] [--iterations 5] [--warmup 1] [--size 64] [--batch 64] [--z-dim 100]

Best-practice PyTorch: the generated batch of the D step is reused by the first G
step, D's parameters are frozen (requires_grad False) during G steps, and the
optimiser is torch.optim.Adam (foreach), not the Python-level TF1 Adam of the goldens.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(__file__))
from dcgan_torch import Generator, Discriminator, bce

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=2)
p.add_argument("--iterations", type=int, default=5)
p.add_argument("--warmup", type=int, default=1)
p.add_argument("--size", type=int, default=64)
p.add_argument("--batch", type=int, default=64)
p.add_argument("--z-dim", type=int, default=100)
p.add_argument("--serve", action="store_true", help="answer 'it' / 'inf' (100 images) / 'inf1' (1 image) / 'quit' lines on stdin with seconds")
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)

G, D = Generator(a.size, a.z_dim, 64), Discriminator(a.size, 64)
for m in list(G.modules()) + list(D.modules()):
    if isinstance(m, (torch.nn.Conv2d, torch.nn.ConvTranspose2d, torch.nn.Linear)):
        torch.nn.init.normal_(m.weight, 0, 0.02)
        torch.nn.init.zeros_(m.bias)
optG = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=True)
optD = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=True)
real = torch.rand(a.batch, 3, a.size, a.size) * 2 - 1


def iteration(z):
    fake = G(z)
    for q in D.parameters():
        q.requires_grad_(True)
    optD.zero_grad(set_to_none=True)
    lr_ = bce(D(real), 1.0)
    lr_.backward()
    lf = bce(D(fake.detach()), 0.0)
    lf.backward()
    optD.step()
    for q in D.parameters():
        q.requires_grad_(False)
    for k in range(2):
        if k > 0:
            fake = G(z)
        optG.zero_grad(set_to_none=True)
        lg = bce(D(fake), 1.0)
        lg.backward()
        optG.step()
    return lr_.item() + lf.item(), lg.item()


if a.serve:
    print("ready", flush=True)
    zi = torch.rand(100, a.z_dim) * 2 - 1
    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "it":
            z = torch.rand(a.batch, a.z_dim) * 2 - 1
            G.train()
            t0 = time.perf_counter()
            iteration(z)
            print(time.perf_counter() - t0, flush=True)
        elif cmd in ("inf", "inf1"):
            G.eval()
            with torch.no_grad():
                t0 = time.perf_counter()
                G(zi if cmd == "inf" else zi[:1])
                print(time.perf_counter() - t0, flush=True)
        else:
            break
    sys.exit(0)

times = []
for i in range(a.warmup + a.iterations):
    z = torch.rand(a.batch, a.z_dim) * 2 - 1
    t0 = time.perf_counter()
    d, g = iteration(z)
    dt = time.perf_counter() - t0
    print(f"torch: iteration {i + 1}: {dt:.3f} s (d {d:.3f}, g {g:.3f}){' [warm-up]' if i < a.warmup else ''}", file=sys.stderr)
    if i >= a.warmup:
        times.append(dt)
G.eval()
inf = []
with torch.no_grad():
    zi = torch.rand(100, a.z_dim) * 2 - 1
    for _ in range(4):
        t0 = time.perf_counter()
        G(zi)
        inf.append(time.perf_counter() - t0)
times.sort()
inf = sorted(inf[1:])
med = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
print(json.dumps({"iterationSeconds": times, "medianIterationSeconds": med, "inferenceSeconds": inf[1],
                  "threads": a.threads, "torch": torch.__version__}))
print(f"torch: {med:.3f} s/iteration (median of {len(times)}); 100 images generated in {inf[1]:.3f} s")
