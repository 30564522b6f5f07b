#!/usr/bin/env python3
"""Cuts one host off in the middle of a factor job on a cluster of hosts (scripts/cluster
start N --hosts, with the pools slowed by deli.cluster.factor.pause-per-number), and prints
the times from the cut to the others marking it unreachable, to the split-brain resolver's
decision on both sides, and to the job's answer, which it checks (each number once, the
product of its factors), against the same job without a cut.

usage: hosts_partition.py CLUSTER DIR INPUT CUT ENTRY
(CLUSTER: scripts/cluster; DIR: its cluster directory; INPUT: numbers, one a line; CUT: the
host cut off; ENTRY: the host the job is posted to; DELI_TOKEN: the cluster's token)
"""
import datetime
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

HEADERS = {"Authorization": "Bearer " + os.environ["DELI_TOKEN"]}


def post(url, body):
    req = urllib.request.Request(url + "/factor", data=body, method="POST", headers=HEADERS)
    start = time.monotonic()
    with urllib.request.urlopen(req, timeout=300) as r:
        answer = json.loads(r.read())
    return answer, time.monotonic() - start


def check(numbers, answer):
    assert len(answer) == len(numbers), "an answer per number"
    for n, f in zip(numbers, answer):
        p = 1
        for x in f:
            p *= x
        assert p == n, f"{n}: {f}"


def logged(path, pattern, after):
    """The time (today, local) of the first line of the node's output matching pattern, after `after`."""
    for line in open(path, errors="replace"):
        if re.search(pattern, line):
            t = datetime.datetime.combine(after.date(), datetime.time.fromisoformat(line[:12]))
            if t >= after - datetime.timedelta(seconds=1):
                return t
    return None


def main():
    cluster, d, path, cut, entry = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    numbers = [int(line) for line in open(path) if line.strip()]
    body = json.dumps(numbers).encode()
    url = f"http://10.77.0.{entry}:8080"
    answer, plain = post(url, body)
    check(numbers, answer)
    print(f"  the job without a cut: {len(numbers):,} numbers in {plain:.2f} s")

    result = {}
    job = threading.Thread(target=lambda: result.update(zip(("answer", "wall"), post(url, body))))
    job.start()
    time.sleep(plain / 4)
    cut_at = datetime.datetime.now()
    cut_mono = time.monotonic()
    subprocess.run([cluster, "partition", str(cut)], check=True, stdout=subprocess.DEVNULL)
    job.join()
    done = time.monotonic() - cut_mono
    check(numbers, result["answer"])
    node = f"pekko://deli@10.77.0.{cut}:25520"
    witness = f"{d}/node-{entry}.out"
    unreachable = decision = down = None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and None in (unreachable, decision, down):
        unreachable = logged(witness, re.escape(f"Marking node as UNREACHABLE [Member({node}"), cut_at)
        decision = logged(witness, r"SBR took decision DownUnreachable", cut_at)
        down = logged(f"{d}/node-{cut}.out", r"including myself", cut_at)
        time.sleep(0.5)
    since = lambda t: f"{(t - cut_at).total_seconds():.1f} s" if t else "not seen"
    print(f"  host {cut} cut off {plain / 4:.1f} s into the job posted to host {entry}:")
    print(f"    host {entry} marks it unreachable: {since(unreachable)} after the cut")
    print(f"    the majority's SBR decision (DownUnreachable): {since(decision)}")
    print(f"    host {cut}'s own decision (DownReachable, including itself): {since(down)}")
    print(f"    the job's answer, complete and checked: {done:.1f} s after the cut, {result['wall']:.2f} s in all"
          f" (without a cut: {plain:.2f} s)")


if __name__ == "__main__":
    main()
