#!/usr/bin/env python3
"""The peer of `dman eval FAKE REAL --images`: the same three figures in NumPy + imagehash.

What a user without dman would run to score a GAN's samples without downloaded weights:
- SWD: ProGAN's `metrics/sliced_wasserstein.py`, vectorised as ProGAN writes it (one fancy-index
  gather for all 7x7 neighbourhoods, one matmul and one sort per repeat), on the Laplacian
  pyramid of bench/gan-extras/swd_reference.py. The random draws follow dman's SplitMix64
  derivation, so on the same images the values equal dman's (a check, printed by eval_bench.py).
- modes: imagehash.phash (hash_size 8) of each image, clusters at Hamming <= 10 (union-find).
- memorised: the first 64 fakes against the training set, 32x32 area averages in [-1, 1], mean
  squared distance, threshold the 5th percentile of the training set's leave-one-out nearest
  distances (NumPy's linear percentile).
The real subset is dman's: `TrainingSet.sampleImages(count:seed:)` (Swift's Fisher-Yates with
Lemire's bounded draws from SplitMix64.derived(seed, "real-sample", "gan-eval")).

    python3 bench/gan-quality/eval_peer.py FAKE_DIR REAL_DIR --count 236 --seed 7
prints one JSON object (the figures, plus per-step seconds inside the process).
"""
import argparse
import glob
import json
import os
import sys
import time

import imagehash
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "gan-extras"))
import swd_reference as ref  # noqa: E402  (pyramid and dman's seeded draws)

MASK = (1 << 64) - 1


class SplitMix:
    def __init__(self, state):
        self.state = state

    def next(self):
        self.state = (self.state + ref.GAMMA) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        """Swift's RandomNumberGenerator.next(upperBound:) (Lemire's multiply-high)."""
        r = self.next()
        m = r * bound
        if (m & MASK) < bound:
            t = ((1 << 64) - bound) % bound
            while (m & MASK) < t:
                r = self.next()
                m = r * bound
        return m >> 64


def sample_order(n, seed):
    """Indices of dman's `sampleImages`: Swift's `shuffle(using:)` of 0..<n."""
    g = SplitMix(ref.derived_state(seed, "real-sample", "gan-eval"))
    order = list(range(n))
    amount, current = n, 0
    while amount > 1:
        r = g.below(amount)
        amount -= 1
        order[current], order[current + r] = order[current + r], order[current]
        current += 1
    return order


def descriptors(level, lod, seed, nhood=7, per_image=128):
    """ProGAN's get_descriptors_for_minibatch (one gather), with dman's patch centres."""
    n, c, h, w = level.shape
    H = nhood // 2
    xs, ys = [], []
    for i in range(n):
        z, _ = ref.splitmix_draws(ref.derived_state(seed, "%d/%d" % (lod, i), "swd-positions"), 2 * per_image)
        xs.append(H + (z[:per_image] % np.uint64(w - 2 * H)).astype(np.int64))
        ys.append(H + (z[per_image:] % np.uint64(h - 2 * H)).astype(np.int64))
    N = n * per_image
    nh, ch, dy, dx = np.ogrid[0:N, 0:c, -H:H + 1, -H:H + 1]
    img = nh // per_image
    x = dx + np.concatenate(xs).reshape(N, 1, 1, 1)
    y = dy + np.concatenate(ys).reshape(N, 1, 1, 1)
    desc = level.reshape(-1)[((img * c + ch) * h + y) * w + x].astype(np.float32)
    desc -= np.mean(desc, axis=(0, 2, 3), keepdims=True)
    desc /= np.std(desc, axis=(0, 2, 3), keepdims=True)
    return desc.reshape(N, -1)


def swd(real, fake, seed):
    levels, res = 0, real.shape[2]
    while res >= 16:
        levels += 1
        res //= 2
    pr, pf = ref.laplacian_pyramid(real, levels), ref.laplacian_pyramid(fake, levels)
    dist = [float(ref.sliced_wasserstein(descriptors(a, l, seed), descriptors(b, l, seed), seed, l)) * 1e3
            for l, (a, b) in enumerate(zip(pr, pf))]
    return dist, float(np.mean(dist))


def modes(images, threshold=10):
    hashes = [int(str(imagehash.phash(Image.fromarray(im))), 16) for im in images]
    parent = list(range(len(hashes)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for i in range(len(hashes)):
        for j in range(i + 1, len(hashes)):
            if bin(hashes[i] ^ hashes[j]).count("1") <= threshold:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return len({find(i) for i in range(len(hashes))})


def features(images, side=32):
    """32x32 area averages in [-1, 1] (dman's integer cell bounds)."""
    out = np.empty((len(images), side * side * 3), np.float32)
    for k, im in enumerate(images):
        h, w = im.shape[:2]
        if h % side == 0 and w % side == 0:
            f = im.reshape(side, h // side, side, w // side, 3).astype(np.float32).mean(axis=(1, 3))
        else:
            f = np.empty((side, side, 3), np.float32)
            for ty in range(side):
                y0 = ty * h // side
                y1 = max(y0 + 1, (ty + 1) * h // side)
                for tx in range(side):
                    x0 = tx * w // side
                    x1 = max(x0 + 1, (tx + 1) * w // side)
                    f[ty, tx] = im[y0:y1, x0:x1].reshape(-1, 3).astype(np.float32).mean(axis=0)
        out[k] = (f / 127.5 - 1).reshape(-1)
    return out


def memorised(samples, training, percentile=5):
    T, S = features(training), features(samples)
    tt = (T * T).sum(1)
    d = (tt[:, None] + tt[None, :] - 2 * T @ T.T) / T.shape[1]
    np.fill_diagonal(d, np.inf)
    threshold = np.percentile(d.min(1), percentile)
    ds = ((S * S).sum(1)[:, None] + tt[None, :] - 2 * S @ T.T) / T.shape[1]
    return float((ds.min(1) <= threshold).mean())


def load(folder):
    files = sorted(glob.glob(os.path.join(folder, "*.png")))
    return [np.asarray(Image.open(f).convert("RGB")) for f in files]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fake")
    ap.add_argument("real")
    ap.add_argument("--count", type=int, default=256)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    t = {"start": time.perf_counter()}
    fakes = load(a.fake)[:a.count]
    training = load(a.real)
    real = [training[i] for i in sample_order(len(training), a.seed)[:a.count]]
    t["read"] = time.perf_counter()
    as_nchw = lambda ims: np.stack(ims).transpose(0, 3, 1, 2)  # noqa: E731
    per_level, average = swd(as_nchw(real), as_nchw(fakes), a.seed)
    t["swd"] = time.perf_counter()
    fake_modes, real_modes = modes(fakes), modes(real)
    t["modes"] = time.perf_counter()
    mem = memorised(fakes[:64], training)
    t["memorised"] = time.perf_counter()
    steps = ["start", "read", "swd", "modes", "memorised"]
    json.dump({"count": a.count, "swdPerLevel": per_level, "swdAverage": average,
               "modes": {"fakeModes": fake_modes, "realModes": real_modes}, "memorisedFraction": mem,
               "seconds": {s: round(t[s] - t[p], 4) for p, s in zip(steps, steps[1:])}}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
