"""Alternates single iterations of PyTorch and dman, so both meet the same machine load.

    python3 bench/gan/alternate.py [--pairs 8] [--threads 2]

Both run as long-lived processes (bench_torch.py --serve, dman bench train --serve) under
/usr/bin/time -v; the driver asks each for one training iteration in turn
(alternating which goes first), then for 100-image inference, and reports per-pair
ratios (dman / PyTorch), medians, fastest iterations and peak RSS. Each request waits
--settle seconds first, so the other side's spinning pool threads do not steal its cores.
"""
import argparse
import re
import statistics
import subprocess

import serve_client

p = argparse.ArgumentParser()
p.add_argument("--pairs", type=int, default=8)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--warmup", type=int, default=1)
p.add_argument("--settle", type=float, default=0.3,
               help="seconds of sleep before each timed request, so the other side's pool threads are asleep")
a = p.parse_args()


def start(cmd):
    return serve_client.start(["/usr/bin/time", "-v"] + cmd, stderr=subprocess.PIPE)   # stderr: peak RSS


def ask(proc, request):
    return serve_client.ask(proc, request, a.settle)


torch = start(["python3", "bench/gan/bench_torch.py", "--serve", "--threads", str(a.threads)])
dman = start([".build/release/dman", "bench", "train", "--serve", "--threads", str(a.threads)])
for _ in range(a.warmup):
    ask(torch, "it")
    ask(dman, "it")
t_it, d_it, ratios = [], [], []
for i in range(a.pairs):
    if i % 2 == 0:
        t = ask(torch, "it"); d = ask(dman, "it")
    else:
        d = ask(dman, "it"); t = ask(torch, "it")
    t_it.append(t); d_it.append(d); ratios.append(d / t)
    print(f"pair {i + 1}: dman {d:.3f} s, PyTorch {t:.3f} s, ratio {d / t:.2f}", flush=True)
t_inf, d_inf = [], []
for i in range(4):
    t_inf.append(ask(torch, "inf")); d_inf.append(ask(dman, "inf"))
rss = {}
for name, proc in (("PyTorch", torch), ("dman", dman)):
    proc.stdin.write("quit\n"); proc.stdin.flush()
    err = proc.communicate()[1]
    rss[name] = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
print(f"iteration: median dman {statistics.median(d_it):.3f} s vs PyTorch {statistics.median(t_it):.3f} s; "
      f"median of per-pair ratios {statistics.median(ratios):.2f}; fastest dman {min(d_it):.3f} s vs PyTorch {min(t_it):.3f} s "
      f"(ratio {min(d_it) / min(t_it):.2f})")
print(f"inference of 100 images (median of 3 after 1): dman {statistics.median(d_inf[1:]):.3f} s vs PyTorch {statistics.median(t_inf[1:]):.3f} s")
print(f"peak RSS: dman {rss['dman']:.0f} MB vs PyTorch {rss['PyTorch']:.0f} MB")
