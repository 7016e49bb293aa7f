#!/usr/bin/env python3
"""Prints README's flags table from `dman <command> --help`.

    python3 bench/docs/flags_table.py .build/release/dman > /tmp/flags.md

Tests/dmanTests/FlagsTableTests.swift checks the README against the same
help output, so a flag added to a command without a README row fails a test.
"""
import re
import subprocess
import sys

dman = sys.argv[1] if len(sys.argv) > 1 else ".build/release/dman"
COMMON = {"--jobs", "--json", "--quiet", "--help", "--version"}


def help_text(*args):
    return subprocess.run([dman, *args, "--help"], capture_output=True, text=True).stdout


def subcommands(*args):
    text = help_text(*args)
    if "SUBCOMMANDS:" not in text:
        return []
    block = text.split("SUBCOMMANDS:")[1].split("\n\n")[0]
    return [m.group(1) for m in re.finditer(r"^ {2}(\S+)", block, re.M) if m.group(1) != "help"]


def flags(command):
    text = help_text(*command.split())
    block = text.split("USAGE:", 1)[1] if "USAGE:" in text else ""
    found = []
    for m in re.finditer(r"(?<![\w-])(--[a-z][a-z0-9-]*)", block):
        if m.group(1) not in found and m.group(1) not in COMMON:
            found.append(m.group(1))
    return found


print("| command | flags (beside `--jobs`, `--json`, `--quiet`) |")
print("| --- | --- |")
for c in subcommands():
    subs = [f"{c} {s}" for s in subcommands(c)]
    for name in subs or [c]:
        print(f"| `dman {name}` | " + " ".join(f"`{f}`" for f in flags(name)) + " |")
