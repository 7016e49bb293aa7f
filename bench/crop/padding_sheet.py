#!/usr/bin/env python3
"""Padding contact sheet (issue 13, point 4): the crops that needed most
padding on real sources, cut three ways side by side.

Usage: python3 bench/crop/padding_sheet.py DMAN_BINARY SOURCES_DIR OUT.png [N]
  SOURCES_DIR: make_sets.sh's sources/ (boxes.json beside the pictures).

Columns: (1) before: whole margin kept, mirror fill (`--keep-margin --pad mirror`);
(2) margin given up first, mirror fill (`--pad mirror`); (3) the default now:
margin given up first, fade fill. Rows: the N crops with the largest padding
in column 1 between 10% and 40% (where mirrored ghosts were seen), each
labelled with its file and pad fraction per column. Needs ImageMagick's montage.
"""
import json, os, subprocess, sys, tempfile

dman, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 8
work = tempfile.mkdtemp(prefix="dman-padsheet-")
ways = [("before: margin kept, mirror", ["--keep-margin", "--pad", "mirror"]),
        ("margin given up, mirror", ["--pad", "mirror"]),
        ("now: margin given up, fade", ["--pad", "fade"])]
docs = []
for k, (_, flags) in enumerate(ways):
    d = os.path.join(work, str(k))
    subprocess.run([dman, "crop", os.path.join(src, "boxes.json"), "-o", d, "--size", "128", "-q"] + flags, check=True)
    docs.append({r["id"]: r for r in json.load(open(os.path.join(d, "dataset.json")))["records"]})
rank = sorted(((r["provenance"].get("padFraction") or 0, i) for i, r in docs[0].items()), reverse=True)
chosen = [i for p, i in rank if 0.10 <= p <= 0.40][:n]
tiles = []
for i in chosen:
    for k, (name, _) in enumerate(ways):
        r = docs[k][i]
        tiles += ["-label", f"{name}\n{i} pad {100 * (r['provenance'].get('padFraction') or 0):.0f}%",
                  os.path.join(work, str(k), r["file"])]
subprocess.run(["montage", "-title", "Crop padding on real sources\nbefore · margin first · fade",
                "-pointsize", "11", *tiles, "-tile", "3x", "-geometry", "128x128+6+6", "-background", "white", out], check=True)
print(f"{len(chosen)} crops; pad fractions before/after:",
      ", ".join(f"{i} {100 * (docs[0][i]['provenance'].get('padFraction') or 0):.0f}%→{100 * (docs[2][i]['provenance'].get('padFraction') or 0):.0f}%" for i in chosen))
