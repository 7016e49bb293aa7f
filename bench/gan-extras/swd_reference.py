#!/usr/bin/env python3
"""NumPy reference of dman's sliced Wasserstein distance (ProGAN's metric).

Follows tkarras/progressive_growing_of_gans `metrics/sliced_wasserstein.py`
step by step (Laplacian pyramid with the [1,4,6,4,1]/16 filter and mirror
borders, levels down to 16 px, 128 random 7x7 neighbourhoods per image,
per-channel descriptor normalisation, 4 x 128 random unit directions, sorted
projections, mean |difference|, x1e3, mean over levels). Only the random draws
differ from ProGAN's numpy stream: they come from dman's SplitMix64, derived
per (level, image) for patch centres and per (level, repeat) for directions,
so the Swift implementation sees the very same centres and directions.

numpy only. `--check-scipy` additionally checks this file's pyramid against
ProGAN's scipy.ndimage-based pyr_down/pyr_up (needs scipy).

Fixture for Tests/GANCoreTests (16 + 16 formula images of 64x64, seed 1234):
    python3 bench/gan-extras/swd_reference.py --fixture > Tests/GANCoreTests/Fixtures/swd_reference.json

Real data (first half vs second half of the sorted *.png files of DIR, seed 1234; Pillow to read):
    python3 bench/gan-extras/swd_reference.py --dir /work/wt/_data/gan64
"""
import argparse
import json
import sys

import numpy as np

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def splitmix_draws(state, k):
    """k outputs of SplitMix64 starting from `state`; returns (uint64 array, new state)."""
    steps = (np.arange(1, k + 1, dtype=np.uint64) * np.uint64(GAMMA)) + np.uint64(state)
    z = steps.copy()
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    return z, (state + k * GAMMA) & MASK


def derived_state(seed, item, stage):
    """State of SplitMix64.derived(seed:item:stage:) (after its one discarded draw)."""
    h = 0xCBF29CE484222325
    for b in stage.encode() + b"\0" + item.encode():
        h = ((h ^ b) * 0x100000001B3) & MASK
    return ((seed ^ h) + GAMMA) & MASK


def unit(z):
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def gaussians(state, k):
    z, _ = splitmix_draws(state, 2 * k)
    u1 = 1.0 - unit(z[0::2])
    u2 = unit(z[1::2])
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


# ---------------------------------------------------------------------------- pyramid (numpy only)

K = np.float32([1, 4, 6, 4, 1])


def mirror_idx(n):
    i = np.arange(-2, n + 2)
    i = np.where(i < 0, -i, i)
    return np.where(i >= n, 2 * n - 2 - i, i)


def conv_mirror(x, k, axis):
    n = x.shape[axis]
    xp = np.take(x, mirror_idx(n), axis=axis)
    out = np.zeros_like(x)
    for j in range(5):
        out += k[j] * np.take(xp, np.arange(j, j + n), axis=axis)
    return out


def pyr_down(mb):
    t = conv_mirror(conv_mirror(mb, K / 16, 3), K / 16, 2)
    return t[:, :, ::2, ::2]


def pyr_up(mb):
    S = mb.shape
    res = np.zeros((S[0], S[1], S[2] * 2, S[3] * 2), mb.dtype)
    res[:, :, ::2, ::2] = mb
    return conv_mirror(conv_mirror(res, K / 8, 3), K / 8, 2)


def laplacian_pyramid(mb, levels):
    pyramid = [np.float32(mb)]
    for _ in range(1, levels):
        pyramid.append(pyr_down(pyramid[-1]))
        pyramid[-2] -= pyr_up(pyramid[-1])
    return pyramid


# ---------------------------------------------------------------------------- metric

def descriptors(level, lod, seed, nhood=7, per_image=128):
    n, c, h, w = level.shape
    H = nhood // 2
    out = []
    for i in range(n):
        z, _ = splitmix_draws(derived_state(seed, "%d/%d" % (lod, i), "swd-positions"), 2 * per_image)
        xs = H + (z[:per_image] % np.uint64(w - 2 * H)).astype(np.int64)
        ys = H + (z[per_image:] % np.uint64(h - 2 * H)).astype(np.int64)
        for x, y in zip(xs, ys):
            out.append(level[i, :, y - H:y + H + 1, x - H:x + H + 1])
    desc = np.stack(out).astype(np.float32)                      # (neighbourhood, channel, 7, 7)
    desc -= np.mean(desc, axis=(0, 2, 3), keepdims=True)          # finalize_descriptors
    desc /= np.std(desc, axis=(0, 2, 3), keepdims=True)
    return desc.reshape(desc.shape[0], -1)


def directions(dims, count, seed, lod, r):
    d = gaussians(derived_state(seed, "%d/%d" % (lod, r), "swd-directions"), dims * count).reshape(dims, count)
    d /= np.sqrt(np.sum(np.square(d), axis=0, keepdims=True))
    return d.astype(np.float32)


def sliced_wasserstein(A, B, seed, lod, dir_repeats=4, dirs_per_repeat=128):
    results = []
    for r in range(dir_repeats):
        dirs = directions(A.shape[1], dirs_per_repeat, seed, lod, r)
        pa = np.sort(A @ dirs, axis=0)
        pb = np.sort(B @ dirs, axis=0)
        results.append(np.mean(np.abs(pa - pb)))
    return np.mean(results)


def swd(real, fake, seed):
    """real, fake: uint8 arrays (n, 3, h, w). Returns (per-level list, average)."""
    levels, res = 0, real.shape[2]
    while res >= 16:
        levels += 1
        res //= 2
    pr = laplacian_pyramid(real, levels)
    pf = laplacian_pyramid(fake, levels)
    dist = [float(sliced_wasserstein(descriptors(a, l, seed), descriptors(b, l, seed), seed, l)) * 1e3
            for l, (a, b) in enumerate(zip(pr, pf))]
    return dist, float(np.mean(dist))


# ---------------------------------------------------------------------------- fixture

def formula_sets(n=16, size=64):
    """Integer formulas, mirrored in Tests/GANCoreTests/SlicedWassersteinTests.swift."""
    i, c, y, x = np.ogrid[0:n, 0:3, 0:size, 0:size]
    real = (x * (i % 5 + 1) * 3 + y * (2 * i + 5) + c * 85 + ((x // 8 + y // 8 + i) % 2) * 60
            + (x * y * (c + 1)) % 37) % 256
    fake = (((x + 3 * i) // 4) * 9 + ((y + i) // 2) * 5 + c * 70 + ((x * x + y * i) % 23) * 3) % 256
    return real.astype(np.uint8), fake.astype(np.uint8)


def check_scipy(mb):
    import scipy.ndimage
    g = np.float32([[1, 4, 6, 4, 1], [4, 16, 24, 16, 4], [6, 24, 36, 24, 6], [4, 16, 24, 16, 4], [1, 4, 6, 4, 1]]) / 256.0
    x = np.float32(mb)
    ref_down = scipy.ndimage.convolve(x, g[None, None], mode="mirror")[:, :, ::2, ::2]
    small = pyr_down(x)
    res = np.zeros((small.shape[0], small.shape[1], small.shape[2] * 2, small.shape[3] * 2), np.float32)
    res[:, :, ::2, ::2] = small
    ref_up = scipy.ndimage.convolve(res, g[None, None] * 4.0, mode="mirror")
    print("pyr_down max |numpy - scipy| = %.3g, pyr_up = %.3g"
          % (np.abs(small - ref_down).max(), np.abs(pyr_up(small) - ref_up).max()), file=sys.stderr)


def real_data(folder, seed=1234):
    import glob
    import os
    import time
    from PIL import Image
    files = sorted(glob.glob(os.path.join(folder, "*.png")))
    imgs = np.stack([np.asarray(Image.open(f).convert("RGB")).transpose(2, 0, 1) for f in files])
    half = len(imgs) // 2
    t0 = time.perf_counter()
    per_level, avg = swd(imgs[:half], imgs[half:2 * half], seed)
    seconds = time.perf_counter() - t0
    json.dump({"images": 2 * half, "perLevel": per_level, "average": avg, "seconds": seconds}, sys.stdout)
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixture", action="store_true", help="print the test fixture JSON")
    ap.add_argument("--check-scipy", action="store_true")
    ap.add_argument("--dir", help="folder of equal-size PNGs: SWD of first half vs second half, timed")
    args = ap.parse_args()
    if args.dir:
        return real_data(args.dir)
    real, fake = formula_sets()
    if args.check_scipy:
        check_scipy(real)
    seed = 1234
    per_level, avg = swd(real, fake, seed)
    same, _ = swd(real, real, seed)
    out = {
        "command": "python3 bench/gan-extras/swd_reference.py --fixture",
        "seed": seed, "images": 16, "size": 64,
        "perLevel": per_level, "average": avg, "identicalPerLevel": same,
    }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
