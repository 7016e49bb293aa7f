#!/usr/bin/env python3
"""Dedupe after augment never loses a character (issue 13, point 3).

Usage: python3 bench/audit/augmented_dedupe.py DMAN_BINARY DATA_ROOT SEED [SEED ...]

The README's order on make_sets.sh's neardup/ (a plain folder: each file is a
family): `dman augment neardup -o aug --rotations ±5 --unsharp 0x1+1+0.05 --flip`,
then `dman audit aug --dedupe --order balanced`. Scored against truth.json:
- groups losing every member: truth groups none of whose families stayed (must be 0);
- uniques quarantined: families with no true duplicate that were moved (must be 0);
- moved vs ideal: a truth group of k files should lose k - 1 families.
"""
import json, os, shutil, subprocess, sys, tempfile

dman, root, seeds = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
for seed in seeds:
    src = os.path.join(root, f"seed-{seed}", "neardup")
    truth = json.load(open(os.path.join(src, "truth.json")))
    work = tempfile.mkdtemp(prefix="dman-augdedupe-")
    nd = os.path.join(work, "neardup"); os.mkdir(nd)
    for f in truth["files"]:
        shutil.copy(os.path.join(src, f), nd)
    aug = os.path.join(work, "aug")
    subprocess.run([dman, "augment", nd, "-o", aug, "--rotations", "±5", "--unsharp", "0x1+1+0.05", "--flip"],
                   check=True, capture_output=True)
    out = subprocess.run([dman, "audit", aug, "--dedupe", "--order", "balanced", "--json"], check=True,
                         capture_output=True, text=True).stdout
    doc = json.load(open(os.path.join(aug, "dataset.json")))
    kept_records = doc["records"]; moved_records = doc.get("quarantine", [])
    fam_of_file = {}
    for r in kept_records + [q["record"] for q in moved_records]:
        src_name = os.path.basename(r["provenance"]["source"])
        fam_of_file.setdefault(src_name, r["family"])
    kept = {r["family"] for r in kept_records}
    moved = {q["record"]["family"] for q in moved_records}
    lost_groups = [g for g in truth["groups"] if not any(fam_of_file[f] in kept for f in g)]
    uniques = [f for f in truth["singletons"] if fam_of_file[f] in moved]
    ideal = sum(len(g) - 1 for g in truth["groups"])
    in_groups_moved = sum(1 for g in truth["groups"] for f in g if fam_of_file[f] in moved)
    print(f"seed {seed}: {len(kept_records) + len(moved_records)} images, {len(fam_of_file)} families; moved {len(moved)} families "
          f"({len(moved_records)} images) against an ideal of {ideal}; of them in true groups {in_groups_moved}; "
          f"groups losing every member {len(lost_groups)}; uniques quarantined {len(uniques)}"
          + (f" ({', '.join(uniques)})" if uniques else ""), flush=True)
    shutil.rmtree(work)
