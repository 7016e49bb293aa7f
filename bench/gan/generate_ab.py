"""Generation speed of two dman builds, interleaved: 100 images (`inf`) and one image (`inf1`).

    python3 bench/gan/generate_ab.py NEW_DMAN OLD_DMAN [--rounds 10] [--threads 2] [--settle 0.3]

Both run `dman bench train --serve` (64 px, z 100, gf 64, inference mode). Each round asks both
servers (order alternating per round) for `inf` then `inf1`, each after --settle seconds of
sleep. Prints medians in ms, new/old ratios and the load average before and after. Extra
environment for the new side only: --env KEY=VALUE (repeatable), e.g. a tuning knob.
"""
import argparse
import os
import statistics

import serve_client

p = argparse.ArgumentParser()
p.add_argument("new")
p.add_argument("old")
p.add_argument("--rounds", type=int, default=10)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--settle", type=float, default=0.3)
p.add_argument("--env", action="append", default=[])
a = p.parse_args()


def start(binary, extra):
    env = dict(os.environ, **dict(kv.split("=", 1) for kv in extra))
    return serve_client.start([binary, "bench", "train", "--serve", "--threads", str(a.threads)], env=env)


def ask(proc, request):
    return serve_client.ask(proc, request, a.settle)


load0 = os.getloadavg()[0]
procs = {"new": start(a.new, a.env), "old": start(a.old, [])}
for proc in procs.values():
    for _ in range(2):
        ask(proc, "inf"); ask(proc, "inf1")
t = {k: {"inf": [], "inf1": []} for k in procs}
for r in range(a.rounds):
    for k in (["new", "old"] if r % 2 == 0 else ["old", "new"]):
        for req in ("inf", "inf1"):
            t[k][req].append(ask(procs[k], req))
for proc in procs.values():
    proc.stdin.write("quit\n"); proc.stdin.flush(); proc.wait()
for req, label in (("inf", "100 images"), ("inf1", "1 image")):
    m = {k: statistics.median(t[k][req]) * 1e3 for k in t}
    print(f"{label}: new {m['new']:.1f} ms, old {m['old']:.1f} ms, new/old {m['new'] / m['old']:.3f}")
print(f"load average {load0:.2f} -> {os.getloadavg()[0]:.2f}, {a.rounds} rounds, threads {a.threads}")
