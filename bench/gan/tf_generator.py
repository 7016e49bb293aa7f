"""carpedm20's DCGAN generator in TensorFlow (NHWC, oneDNN), for inference timing against dman.

    python3 bench/gan/tf_generator.py --check [CHECKPOINT.safetensors]   # TF == PyTorch on the same weights
    python3 bench/gan/tf_generator.py --serve [CHECKPOINT] [--threads 2] [--xla]

Architecture as carpedm20 wrote it in TF1 (and as dcgan_torch.py and GANCore lay it out):
g_h0_lin (Linear z -> 8gf*4*4) -> BatchNorm + ReLU -> 4 x conv2d_transpose(5x5, stride 2, SAME)
with BatchNorm + ReLU between -> tanh, at 64 px and gf = 64. BatchNorm in inference mode
(running statistics), as `dman generate`.

Weights: a dman checkpoint (safetensors, GANCore's PyTorch-layout names) when given, else
PyTorch's N(0, 0.02) initialisation of dcgan_torch.Generator with seed 0; either way the
same tensors are loaded into PyTorch, and --check compares TF's images with PyTorch's.
Layout changes only: Linear (out, in) -> (in, out) with the output columns reordered from
(C, H, W) to (H, W, C), so no transpose is needed after the reshape; ConvTranspose2d
(in, out, kh, kw) -> conv2d_transpose's (kh, kw, out, in).

--serve answers stdin lines `inf` (100 images) and `inf1` (1 image) with seconds, as
`dman bench train --serve`; driven by generate_peers.py. oneDNN is TF's default on x86
(TF_ENABLE_ONEDNN_OPTS=1, set here explicitly); --xla compiles the graph with XLA instead.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dcgan_torch import Generator

p = argparse.ArgumentParser()
p.add_argument("checkpoint", nargs="?")
p.add_argument("--threads", type=int, default=2)
p.add_argument("--serve", action="store_true")
p.add_argument("--check", action="store_true")
p.add_argument("--xla", action="store_true")
a = p.parse_args()
torch.set_num_threads(a.threads)

import tensorflow as tf  # noqa: E402  (after the environment above)

tf.config.threading.set_intra_op_parallelism_threads(a.threads)
tf.config.threading.set_inter_op_parallelism_threads(1)


def torch_generator(checkpoint):
    """The PyTorch model whose tensors TF loads: dman's checkpoint, or seeded random weights."""
    if checkpoint:
        from safetensors import safe_open
        from safetensors.torch import load_file
        with safe_open(checkpoint, "pt") as f:
            config = json.loads(f.metadata()["config"])
        G = Generator(config["imageSize"], config["zDim"], config["generatorWidth"])
        state = load_file(checkpoint)  # EMA copies first, as `dman generate`
        G.load_state_dict({k: state.get("ema." + k, v) for k, v in state.items() if k.startswith("g_")}, strict=True)
    else:
        torch.manual_seed(0)
        G = Generator(64, 100, 64)
        for m in G.modules():
            if isinstance(m, (torch.nn.ConvTranspose2d, torch.nn.Linear)):
                torch.nn.init.normal_(m.weight, 0, 0.02)
                torch.nn.init.zeros_(m.bias)
            if isinstance(m, torch.nn.BatchNorm2d):  # non-trivial statistics, so the check tests them
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
    return G.eval()


class TFGenerator:
    def __init__(self, G):
        s = {k: v.detach().numpy() for k, v in G.state_dict().items()}
        self.c0, self.steps = G.plan[0], G.s
        w = s["g_h0_lin.weight"].T.reshape(-1, self.c0, 4, 4).transpose(0, 2, 3, 1).reshape(-1, self.c0 * 16)
        b = s["g_h0_lin.bias"].reshape(self.c0, 4, 4).transpose(1, 2, 0).reshape(-1)
        self.lin = (tf.constant(w), tf.constant(b))
        self.bn = [self._bn(s, f"g_bn{i}") for i in range(self.steps)]
        self.convs = [(tf.constant(s[f"g_h{i}.weight"].transpose(2, 3, 1, 0)), tf.constant(s[f"g_h{i}.bias"]))
                      for i in range(1, self.steps + 1)]
        self.forward = tf.function(self._forward, jit_compile=a.xla, reduce_retracing=True)

    @staticmethod
    def _bn(s, name):
        scale = s[f"{name}.weight"] / np.sqrt(s[f"{name}.running_var"] + 1e-5)
        return (tf.constant(s[f"{name}.weight"]), tf.constant(s[f"{name}.bias"]),
                tf.constant(s[f"{name}.running_mean"]), tf.constant(s[f"{name}.running_var"]), scale)

    def _forward(self, z):
        n = tf.shape(z)[0]
        x = tf.reshape(tf.matmul(z, self.lin[0]) + self.lin[1], [n, 4, 4, self.c0])
        for i in range(self.steps + 1):
            if i > 0:
                w, b = self.convs[i - 1]
                h = tf.shape(x)[1] * 2
                x = tf.nn.conv2d_transpose(x, w, tf.stack([n, h, h, w.shape[2]]), strides=2, padding="SAME")
                x = tf.nn.bias_add(x, b)
            if i < self.steps:
                gamma, beta, mean, var, _ = self.bn[i]
                x = tf.nn.relu(tf.nn.batch_normalization(x, mean, var, beta, gamma, 1e-5))
        return tf.tanh(x)

    def images_nchw(self, z):
        return np.transpose(self.forward(tf.constant(z)).numpy(), (0, 3, 1, 2))


G = torch_generator(a.checkpoint)
T = TFGenerator(G)

if a.check:
    z = np.random.default_rng(1).uniform(-1, 1, (16, 100)).astype(np.float32)
    with torch.no_grad():
        ref = G(torch.from_numpy(z)).numpy()
    diff = float(np.abs(T.images_nchw(z) - ref).max())
    print(f"TF {tf.__version__} vs PyTorch on {'the checkpoint' if a.checkpoint else 'seeded random'} weights: "
          f"max |diff| = {diff:.2e} over 16 images")
    sys.exit(0 if diff < 1e-4 else 1)

if a.serve:
    zs = {n: tf.constant(np.random.default_rng(n).uniform(-1, 1, (n, 100)).astype(np.float32)) for n in (1, 100)}
    for z in zs.values():  # trace and warm up both shapes
        T.forward(z).numpy()
    print("ready", flush=True)
    for line in sys.stdin:
        cmd = line.strip()
        if cmd not in ("inf", "inf1"):
            break
        z = zs[1 if cmd == "inf1" else 100]
        t0 = time.perf_counter()
        T.forward(z).numpy()
        print(time.perf_counter() - t0, flush=True)
