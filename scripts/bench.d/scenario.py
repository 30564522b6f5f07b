#!/usr/bin/env python3
"""The chapter's logging scenario, timed: a log server, then CLIENTS (a shell command with
{port} in it) that send RECORDS records in all. Measures how long the client command takes and
how long until the server's file holds every record, then stops the server with SIGTERM and
checks the file: every line JSON, the count line true. Prints one Markdown table row:

| label | records | client command s | until all are in the file s | lost | bad lines | count line |

"until all are in the file": from the start of the client command to the last record written;
"never" when records were lost (the file stopped growing short of them).

usage: scenario.py --server CMD --clients CMD --records N --label L [--runs R]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import tempfile
import time

from replay import server_pid, start_server, stop_server


def count_lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().count(b"\n")
    except OSError:
        return 0


def one_run(a):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "one.log")
        p, host, port = start_server(a.server, out)
        pid = server_pid(p)
        start = time.monotonic()
        client = subprocess.run(a.clients.format(port=port), shell=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        client_s = time.monotonic() - start
        if client.returncode != 0:
            raise SystemExit(f"scenario: the clients failed: {client.stderr.decode(errors='replace')[-500:]}")
        # Until the file holds every record, or has stopped growing for 5 s (records were lost).
        last, last_change = -1, time.monotonic()
        while True:
            n = count_lines(out)
            now = time.monotonic()
            if n != last:
                last, last_change = n, now
            if n >= a.records or now - last_change > 5:
                break
            time.sleep(0.005)
        all_in = (last_change - start) if n >= a.records else None
        stop_server(p, pid)
        lines = open(out, "rb").read().split(b"\n")[:-1]
        count = lines.pop() if lines else b"{}"
        bad = 0
        for line in lines:
            try:
                json.loads(line)
            except ValueError:
                bad += 1
        claimed = json.loads(count).get("lines_collected") if count.startswith(b"{") else None
        inside = re.search(rb"in (\d+\.\d+) s", client.stdout)
        return {"client": client_s, "all": all_in, "lost": a.records - (len(lines) - bad), "bad": bad,
                "count": "true" if claimed == len(lines) else f"says {claimed}, file has {len(lines)}",
                "inside": float(inside.group(1)) if inside else None}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--clients", required=True)
    ap.add_argument("--records", type=int, required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 3)))
    a = ap.parse_args()
    runs = [one_run(a) for _ in range(a.runs)]
    worst = max(runs, key=lambda r: (r["lost"], r["bad"]))
    inside = [r["inside"] for r in runs if r["inside"] is not None]
    note = f" (in-process: {statistics.median(inside):.3f} s)" if inside else ""
    complete = [r["all"] for r in runs if r["all"] is not None]
    until = f"{statistics.median(complete):.3f}" if len(complete) == len(runs) else \
        f"never in {len(runs) - len(complete)} of {len(runs)} runs"
    print(f"| {a.label} | {a.records:,} | {statistics.median(r['client'] for r in runs):.3f}{note} | "
          f"{until} | {worst['lost']:,} | {worst['bad']:,} | {worst['count']} |", flush=True)


if __name__ == "__main__":
    main()
