"""The one client of the `--serve` benchmark servers (`dman bench train --serve`,
bench_torch.py --serve, tf_generator.py --serve), shared by alternate.py,
generate_ab.py and generate_peers.py.

A server prints `ready`, then answers each stdin line (`it`, `inf`, `inf1`) with
one number of seconds.
"""
import subprocess
import time


def start(cmd, env=None, stderr=subprocess.DEVNULL):
    """Starts a server and waits for its `ready` line."""
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                            text=True, bufsize=1)
    line = proc.stdout.readline().strip()
    assert line == "ready", f"{cmd[0]}: {line!r}"
    return proc


def ask(proc, request, settle=0.0):
    """Sleeps `settle` seconds (so the other side's pool threads are asleep), sends one request, returns its seconds."""
    time.sleep(settle)
    proc.stdin.write(request + "\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())
