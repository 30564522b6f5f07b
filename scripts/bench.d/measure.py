#!/usr/bin/env python3
"""Times whole commands: each case runs RUNS times, the cases taking turns (A B A B ...)
so a drift in the machine's speed touches them alike. Prints median / min / max wall
seconds, peak RSS, and each case's ratio to the first case (median of the paired ratios).

usage: measure.py [--runs N] [--warmup N] [--cpu] --case 'LABEL=SHELL COMMAND' --case ...

--cpu adds each case's median CPU seconds (user + system, the command's processes): on a machine
shared with other work, a steadier figure than the wall time.
"""
import argparse
import os
import statistics
import subprocess
import time


def run(cmd):
    start = time.monotonic()
    p = subprocess.Popen(["sh", "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"measure: '{cmd}' exited {code}: {err.strip()[-500:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime  # ru_maxrss is KiB on Linux


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 5)))
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--case", action="append", required=True)
    ap.add_argument("--cpu", action="store_true")
    a = ap.parse_args()
    cases = [c.split("=", 1) for c in a.case]
    for _ in range(a.warmup):
        for _, cmd in cases:
            run(cmd)
    walls = {label: [] for label, _ in cases}
    peaks = {label: 0.0 for label, _ in cases}
    cpus = {label: [] for label, _ in cases}
    for _ in range(a.runs):
        for label, cmd in cases:
            w, rss, cpu = run(cmd)
            walls[label].append(w)
            cpus[label].append(cpu)
            peaks[label] = max(peaks[label], rss)
    first = cases[0][0]
    cpu_head, cpu_rule = (" median CPU s |", " ---: |") if a.cpu else ("", "")
    print(f"| case | median s | min s | max s | peak RSS MiB |{cpu_head} vs {first} |")
    print(f"| --- | ---: | ---: | ---: | ---: |{cpu_rule} ---: |")
    for label, _ in cases:
        w = walls[label]
        ratio = statistics.median(x / y for x, y in zip(w, walls[first]))
        cpu = f" {statistics.median(cpus[label]):.2f} |" if a.cpu else ""
        print(f"| {label} | {statistics.median(w):.3f} | {min(w):.3f} | {max(w):.3f} | {peaks[label]:.0f} |{cpu} {ratio:.2f}x |")


if __name__ == "__main__":
    main()
