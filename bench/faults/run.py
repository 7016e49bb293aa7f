#!/usr/bin/env python3
"""SIGKILL fault run for dman (issue 17, point 3).

For each of crop, augment, `audit --dedupe`, `audit --restore` and train:
run the command once to the end (the reference, timed), then TRIALS times
start it on a fresh copy of its input, SIGKILL it after a seeded random
delay in [0, 1.2 x reference time], check what it left, rerun the same
command and compare with the reference.

After the kill:   every visible PNG is whole (chunk CRCs, IEND, IDAT inflates),
                  dataset.json parses, (dedupe/restore) every picture is present
                  exactly once with its bytes (SHA-256 multiset), every
                  checkpoint is a whole safetensors file.
After the rerun:  exit 0; the folder is byte-identical to the reference
                  (the lock file aside); train: it resumed from the newest
                  checkpoint left, finished, and its checkpoints are whole.

Usage:  python3 bench/faults/run.py [--trials 40] [--seed 1] [--dman .build/release/dman]
                                    [--work /tmp/dman-faults] [--commands crop,augment,dedupe,restore,train]
Needs only the Python standard library and a built dman.
"""
import argparse, hashlib, json, os, random, shutil, signal, struct, subprocess, sys, time, zlib


def png_whole(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    pos, idat, seen_end = 8, b"", False
    while pos + 12 <= len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        if len(body) != n or pos + 12 + n > len(data):
            return False
        (crc,) = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            return False
        if kind == b"IDAT":
            idat += body
        pos += 12 + n
        if kind == b"IEND":
            seen_end = True
            break
    if not seen_end:
        return False
    try:
        d = zlib.decompressobj()
        d.decompress(idat)
        return d.eof
    except zlib.error:
        return False


def safetensors_whole(path):
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        return False
    (n,) = struct.unpack("<Q", data[:8])
    if n == 0 or 8 + n > len(data):
        return False
    try:
        header = json.loads(data[8:8 + n])
    except ValueError:
        return False
    end = max((v["data_offsets"][1] for k, v in header.items() if isinstance(v, dict) and "data_offsets" in v), default=0)
    return len(data) == 8 + n + end


def visible_files(root, ext=None):
    out = []
    for d, _, names in os.walk(root):
        for name in names:
            if name.startswith(".") or (ext and not name.endswith(ext)):
                continue
            out.append(os.path.relpath(os.path.join(d, name), root))
    return sorted(out)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def picture_multiset(root):
    out = {}
    for rel in visible_files(root, ".png"):
        h = sha(os.path.join(root, rel))
        out[h] = out.get(h, 0) + 1
    return out


def all_files(root):
    out = {}
    for d, _, names in os.walk(root):
        for name in names:
            if name == ".dman.lock":
                continue
            p = os.path.join(d, name)
            out[os.path.relpath(p, root)] = sha(p)
    return out


def after_kill(folder, pictures):
    broken = []
    for rel in visible_files(folder, ".png"):
        if not png_whole(os.path.join(folder, rel)):
            broken.append(f"partial PNG {rel}")
    doc = os.path.join(folder, "dataset.json")
    if os.path.exists(doc):
        try:
            with open(doc) as f:
                if not isinstance(json.load(f).get("records"), list):
                    broken.append("dataset.json has no records list")
        except ValueError as e:
            broken.append(f"dataset.json: {e}")
    if pictures is not None and picture_multiset(folder) != pictures:
        broken.append("pictures not each present exactly once with their bytes")
    ck = os.path.join(folder, "checkpoints")
    for rel in visible_files(ck, ".safetensors") if os.path.isdir(ck) else []:
        if not safetensors_whole(os.path.join(ck, rel)):
            broken.append(f"partial checkpoint {rel}")
    return broken


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dman", default=".build/release/dman")
    ap.add_argument("--work", default="/tmp/dman-faults")
    ap.add_argument("--commands", default="crop,augment,dedupe,restore,train")
    a = ap.parse_args()
    dman = os.path.abspath(a.dman)
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)
    os.chdir(a.work)

    def run(args, check=True):
        r = subprocess.run([dman] + args, capture_output=True, text=True)
        if check and r.returncode != 0:
            sys.exit(f"dman {' '.join(args)} -> {r.returncode}: {r.stderr}")
        return r

    # The fixture of Tests/dmanTests/Reliability/StageFixture.swift, larger:
    # demo pictures plus an exact copy of one, so dedupe moves whole families.
    run(["demo", "-o", "demo", "--sources-only", "--count", "24", "--quiet"])
    shutil.copy("demo/sources/pic_000.png", "demo/sources/dup_000.png")
    with open("demo/sources/manifest.json") as f:
        manifest = json.load(f)
    copy = dict(manifest["images"][0]); copy["file"] = "dup_000.png"
    manifest["images"].append(copy)
    with open("demo/sources/manifest.json", "w") as f:
        json.dump(manifest, f)
    run(["crop", "demo/sources/manifest.json", "-o", "crops", "--size", "48", "-j", "2"])
    aug_plan = ["--rotations", "±5", "--flip", "--size", "32", "--seed", "7", "-j", "2"]
    run(["augment", "crops", "-o", "aug"] + aug_plan)
    shutil.copytree("aug", "deduped")
    run(["audit", "deduped", "--dedupe", "--no-cache"])
    pictures = picture_multiset("aug")
    train = ["--iterations", "8", "--batch", "4", "--size", "32", "--resize", "--gf", "8", "--df", "8", "--z-dim", "8", "--threads", "1",
             "--seed", "3", "--sample-every", "0", "--checkpoint-every", "2", "--json"]
    commands = {
        # name: (args for output folder X, input to copy into X or None, picture multiset or None, reference to equal)
        "crop": (lambda x: ["crop", "demo/sources/manifest.json", "-o", x, "--size", "48", "-j", "2"], None, None, "crop-ref"),
        "augment": (lambda x: ["augment", "crops", "-o", x] + aug_plan, None, None, "augment-ref"),
        "dedupe": (lambda x: ["audit", x, "--dedupe", "--no-cache"], "aug", pictures, "dedupe-ref"),
        "restore": (lambda x: ["audit", x, "--restore"], "deduped", pictures, "aug"),
        "train": (lambda x: ["train", "crops", "-o", x] + train, None, None, None),
    }
    report = {"seed": a.seed, "trials": a.trials, "commands": {}}
    for name in a.commands.split(","):
        args, prepare, pics, ref = commands[name]
        rng = random.Random(f"{a.seed}-{name}")
        if prepare:
            shutil.copytree(prepare, f"{name}-ref")
        t0 = time.monotonic()
        run(args(f"{name}-ref"))
        reference = time.monotonic() - t0
        tally = {"reference_s": round(reference, 3), "trials": 0, "killed": 0, "broken_after_kill": 0,
                 "rerun_failed": 0, "rerun_differs": 0, "resumed": 0, "problems": []}
        start = time.monotonic()
        for trial in range(a.trials):
            target = f"{name}-{trial}"
            if prepare:
                shutil.copytree(prepare, target)
            delay = rng.uniform(0, 1.2 * reference)
            p = subprocess.Popen([dman] + args(target), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
            p.wait()
            tally["trials"] += 1
            killed = p.returncode == -signal.SIGKILL
            tally["killed"] += killed
            broken = after_kill(target, pics)
            if broken:
                tally["broken_after_kill"] += 1
                tally["problems"].append(f"{target} after kill at {delay:.3f}s: {broken[:3]}")
            left = visible_files(os.path.join(target, "checkpoints"), ".safetensors") if name == "train" and \
                os.path.isdir(os.path.join(target, "checkpoints")) else []
            r = run(args(target), check=False)
            if r.returncode != 0:
                tally["rerun_failed"] += 1
                tally["problems"].append(f"{target} rerun -> {r.returncode}: {r.stderr.strip()[:200]}")
                continue
            if name == "train":
                events = [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]
                started = next((e for e in events if e.get("event") == "started"), {})
                resumed = (started.get("start") or {}).get("resumedFrom")
                if killed and left and resumed:
                    tally["resumed"] += 1
                ok = events and events[-1].get("event") == "finished" and not after_kill(target, None) \
                    and (not (killed and left) or (resumed or "").endswith(left[-1]))
                if not ok:
                    tally["rerun_differs"] += 1
                    tally["problems"].append(f"{target}: did not resume from {left[-1:]} and finish (resumed {resumed})")
            else:
                x, y = all_files(target), all_files(ref)
                diff = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
                if diff:
                    tally["rerun_differs"] += 1
                    tally["problems"].append(f"{target} differs from {ref}: {diff[:5]}")
            shutil.rmtree(target, ignore_errors=True)
        tally["seconds"] = round(time.monotonic() - start, 1)
        report["commands"][name] = tally
        print(f"{name:8} trials {tally['trials']:4}  killed {tally['killed']:4}  broken after kill {tally['broken_after_kill']}  "
              f"rerun failed {tally['rerun_failed']}  rerun differs {tally['rerun_differs']}  "
              f"{'resumed ' + str(tally['resumed']) + '  ' if name == 'train' else ''}"
              f"(reference {reference:.2f} s, {tally['seconds']} s)", flush=True)
        for p in tally["problems"][:5]:
            print("   ", p)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
