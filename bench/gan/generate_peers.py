"""Generation speed: dman against PyTorch and TensorFlow (oneDNN, and XLA), interleaved.

    python3 bench/gan/generate_peers.py [--rounds 15] [--threads 2] [--checkpoint CKPT] [--xla]

Starts long-lived servers (`dman bench train --serve`, bench_torch.py --serve,
tf_generator.py --serve [--xla]; XLA on CPU measured ~30x slower than
oneDNN here, so it is opt-in), warms each up, then runs ROUNDS rounds; in each round
every server (in an order rotated per round) generates 100 images (`inf`) and then one
image (`inf1`, the batch-size-1 latency), each after --settle seconds of sleep (without it,
the previous server's spinning pool threads made the next side up to 2x slower). All at 64 px, z 100, gf 64, BatchNorm in
inference mode, the same thread count. Prints medians, quartiles and dman / peer ratios of
medians and the median of per-round ratios, and the load average before and after.

Weights: dman and PyTorch time their own N(0, 0.02) initialisations; TF loads CKPT (a dman
checkpoint) when given, else PyTorch's seeded random weights (tf_generator.py --check shows
TF computes PyTorch's images on them). The work is the same dense arithmetic whatever the
weights.

When the environment sets OPENBLAS_CORETYPE (this machine's sessions set `Haswell`, which
keeps OpenBLAS on AVX2 kernels while PyTorch and TF use AVX-512), a second dman server runs
with it unset, so GANCore picks the kernels itself (OpenBLASLibrary.swift).
"""
import argparse
import os
import statistics
import sys

from serve_client import ask, start

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
p = argparse.ArgumentParser()
p.add_argument("--rounds", type=int, default=15)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--checkpoint")
p.add_argument("--xla", action="store_true")
p.add_argument("--settle", type=float, default=0.3,
               help="seconds of sleep before each timed request, so the previous server's pool threads "
                    "(OpenMP, Eigen, OpenBLAS spin after work) are asleep and do not steal the cores")
p.add_argument("--dman", default=os.path.join(root, ".build/release/dman"))
a = p.parse_args()
t = str(a.threads)
tf_cmd = [sys.executable, os.path.join(here, "tf_generator.py"), "--serve", "--threads", t] + (
    [a.checkpoint] if a.checkpoint else [])
servers = {
    "dman": [a.dman, "bench", "train", "--serve", "--threads", t],
    "PyTorch": [sys.executable, os.path.join(here, "bench_torch.py"), "--serve", "--threads", t],
    "TF oneDNN": tf_cmd,
}
if a.xla:
    servers["TF XLA"] = tf_cmd + ["--xla"]
envs = {}
if os.environ.get("OPENBLAS_CORETYPE"):
    servers["dman, CORETYPE unset"] = servers["dman"]
    envs["dman, CORETYPE unset"] = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}


load_before = os.getloadavg()[0]
procs = {name: start(cmd, envs.get(name)) for name, cmd in servers.items()}
for proc in procs.values():
    for _ in range(2):
        ask(proc, "inf"); ask(proc, "inf1")
names = list(procs)
times = {n: {"inf": [], "inf1": []} for n in names}
for r in range(a.rounds):
    order = names[r % len(names):] + names[:r % len(names)]
    for n in order:
        times[n]["inf"].append(ask(procs[n], "inf", a.settle))
        times[n]["inf1"].append(ask(procs[n], "inf1", a.settle))
for proc in procs.values():
    proc.stdin.write("quit\n"); proc.stdin.flush(); proc.wait()

print(f"{a.rounds} rounds, {a.threads} threads; load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f}")
for req, label in (("inf", "100 images"), ("inf1", "1 image (latency)")):
    d = times["dman"][req]
    print(f"{label}:")
    for n in names:
        v = times[n][req]
        q = statistics.quantiles(v, n=4)
        per_round = statistics.median(x / y for x, y in zip(d, v))
        print(f"  {n:10s} median {statistics.median(v) * 1e3:8.2f} ms (quartiles {q[0] * 1e3:.2f}-{q[2] * 1e3:.2f}, "
              f"min {min(v) * 1e3:.2f})  dman / this: {statistics.median(d) / statistics.median(v):.2f} "
              f"(median per round {per_round:.2f})")
    if "dman, CORETYPE unset" in times:
        u = times["dman, CORETYPE unset"][req]
        for n in ("PyTorch", "TF oneDNN"):
            v = times[n][req]
            print(f"  CORETYPE-unset dman / {n}: {statistics.median(u) / statistics.median(v):.2f} "
                  f"(median per round {statistics.median(x / y for x, y in zip(u, v)):.2f}, "
                  f"fastest {min(u) / min(v):.2f})")
