#!/usr/bin/env python3
"""POSTs one tuning job (a CSV in the book's format, the book's grid) to a node ROUNDS times
(after WARMUP rounds), checks every answer against the first, and prints the median time per
job and the batches of cells each node scored during the timed rounds (from GET /status).

usage: tune_post.py URL CSV ROUNDS WARMUP LABEL RESULT_FILE
With DELI_TOKEN set, every request carries it (Authorization: Bearer).
"""
import json
import os
import statistics
import sys
import time
import urllib.request

HEADERS = {"Authorization": "Bearer " + os.environ["DELI_TOKEN"]} if os.environ.get("DELI_TOKEN") else {}


def batches(url):
    with urllib.request.urlopen(urllib.request.Request(url + "/status", headers=HEADERS), timeout=30) as r:
        status = json.load(r)
    for s in status["services"]:
        if s["name"] == "tune":
            return s.get("stats", {}).get("batchesByNode", {})
    return {}


def main():
    url, path, rounds, warmup, label, result = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
    body = json.dumps({"csv": open(path).read(), "k": "1..39", "step": 2}).encode()
    first = None
    times = []
    before = {}
    for i in range(warmup + rounds):
        if i == warmup:
            before = batches(url)
        req = urllib.request.Request(url + "/tune", data=body, headers={"Content-Type": "application/json", **HEADERS})
        t = time.perf_counter()
        with urllib.request.urlopen(req, timeout=300) as r:
            answer = json.load(r)
        elapsed = time.perf_counter() - t
        results = answer["results"]
        if first is None:
            first = results
        elif results != first:
            sys.exit(f"{label}: round {i + 1} answered otherwise than round 1")
        if i >= warmup:
            times.append(elapsed)
    after = batches(url)
    share = {n: after.get(n, 0) - before.get(n, 0) for n in after}
    total = sum(share.values()) or 1
    median = statistics.median(times)
    print(f"{label}: median {median * 1000:.1f} ms per job (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}), "
          f"{len(first)} trials, every answer the same; batches by node: "
          + ", ".join(f"{n} {100 * v / total:.0f}%" for n, v in sorted(share.items())))
    json.dump({"median": median, "share": share}, open(result, "w"))


if __name__ == "__main__":
    main()
