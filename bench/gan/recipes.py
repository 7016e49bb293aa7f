"""Seconds per training iteration of `dman train --recipe fewshot` beside `--recipe dcgan`, interleaved.

    python3 bench/gan/recipes.py DATA_DIR WORK_DIR [--rounds 3] [--iterations 4] [--dman .build/release/dman]

Each round runs both recipes (order alternating per round) for ITERATIONS iterations on the
same image folder (e.g. /work/data/seed-44/gan64, 64 px) with the recipes' defaults (batch 64),
reads the `seconds` of every `iteration` event of `--json`, drops each run's first iteration
(warm-up) and prints medians and the fewshot / dcgan ratio, with the load average.
"""
import argparse, json, os, shutil, statistics, subprocess

here = os.path.dirname(os.path.abspath(__file__))
p = argparse.ArgumentParser()
p.add_argument("data"); p.add_argument("work")
p.add_argument("--rounds", type=int, default=3)
p.add_argument("--iterations", type=int, default=4)
p.add_argument("--dman", default=os.path.join(os.path.dirname(os.path.dirname(here)), ".build/release/dman"))
a = p.parse_args()
load = os.getloadavg()[0]
seconds = {"dcgan": [], "fewshot": []}
for r in range(a.rounds):
    for recipe in (["dcgan", "fewshot"] if r % 2 == 0 else ["fewshot", "dcgan"]):
        out = os.path.join(a.work, f"{recipe}-{r}")
        shutil.rmtree(out, ignore_errors=True)
        run = subprocess.run([a.dman, "train", a.data, "-o", out, "--iterations", str(a.iterations), "--recipe", recipe,
                              "--seed", str(r + 1), "--json"], check=True, capture_output=True, text=True)
        its = [json.loads(l)["iteration"]["seconds"] for l in run.stdout.splitlines() if '"event":"iteration"' in l]
        seconds[recipe] += its[1:]
        shutil.rmtree(out, ignore_errors=True)
print(f"{a.rounds} rounds x {a.iterations} iterations (first of each run dropped); load average before {load:.2f}, "
      f"after {os.getloadavg()[0]:.2f}")
for recipe, v in seconds.items():
    print(f"  {recipe:8s} median {statistics.median(v):.3f} s/iteration (min {min(v):.3f}, max {max(v):.3f}, n {len(v)})")
print(f"  fewshot / dcgan: {statistics.median(seconds['fewshot']) / statistics.median(seconds['dcgan']):.2f}")
