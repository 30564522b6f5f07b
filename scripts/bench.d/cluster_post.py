#!/usr/bin/env python3
"""POSTs one factor job to a node ROUNDS times (after WARMUP rounds), checks every answer
against the first, and prints the median time per job, the numbers per second, and the
batches each node's pool answered during the timed rounds (from GET /status).

usage: cluster_post.py URL INPUT ROUNDS WARMUP LABEL RESULT_FILE
(RESULT_FILE gets the median seconds and the batches per node, as JSON, for the script)
With DELI_TOKEN set, every request carries it (Authorization: Bearer), as a cluster of hosts wants.
"""
import json
import statistics
import sys
import time
import os
import urllib.request

HEADERS = {"Authorization": "Bearer " + os.environ["DELI_TOKEN"]} if os.environ.get("DELI_TOKEN") else {}


def batches(url):
    with urllib.request.urlopen(urllib.request.Request(url + "/status", headers=HEADERS), timeout=30) as r:
        status = json.load(r)
    for s in status["services"]:
        if s["name"] == "factor":
            return s.get("stats", {}).get("batchesByNode", {})
    return {}


def main():
    url, path, rounds, warmup, label, result = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
    numbers = [int(line) for line in open(path) if line.strip()]
    body = json.dumps(numbers).encode()
    expected = None
    times = []
    before = {}
    for i in range(warmup + rounds):
        if i == warmup:
            before = batches(url)
        req = urllib.request.Request(url + "/factor", data=body, method="POST", headers=HEADERS)
        start = time.monotonic()
        with urllib.request.urlopen(req, timeout=120) as r:
            answer = r.read()
        wall = time.monotonic() - start
        if expected is None:
            expected = answer
            factors = json.loads(answer)
            assert len(factors) == len(numbers), "an answer per number"
            for n, f in zip(numbers, factors):
                p = 1
                for x in f:
                    p *= x
                assert p == n, f"{n}: {f}"
        elif answer != expected:
            raise SystemExit(f"{label}: round {i} answered differently")
        if i >= warmup:
            times.append(wall)
    after = batches(url)
    spread = {node: after.get(node, 0) - before.get(node, 0) for node in sorted(after)}
    med = statistics.median(times)
    print(f"{label}: {len(numbers):,} numbers, median of {rounds} jobs {med * 1000:.1f} ms "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}), {len(numbers) / med / 1e6:.2f} M numbers/s")
    total = sum(spread.values())
    print("  batches answered by each node: " + ", ".join(f"{n} {b} ({100 * b / max(1, total):.0f}%)" for n, b in spread.items()))
    with open(result, "w") as f:
        json.dump({"median": med, "batches": spread, "rounds": rounds}, f)


if __name__ == "__main__":
    main()
