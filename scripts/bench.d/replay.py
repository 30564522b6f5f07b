#!/usr/bin/env python3
"""Replays captured logging.SocketHandler frames into a log server and measures it.

Starts SERVER (a shell command with {port} and {out} in it, which must print the chapter's
"Serving on ('HOST', PORT)" line), sends FRAMES over CONNECTIONS sockets at once until RECORDS
records are sent, waits until the server's file holds all of them (or stops growing), then
sends SIGTERM, waits for the server to end, and checks the file: every record line must be
exactly json.dumps(pickle.loads(frame)) of a frame sent, each as often as it was sent, and the
last line the count line. Prints one Markdown table row:

| label | records | connections | seconds | records/s | server CPU us/record | lost | corrupted | count line | peak RSS MiB |

seconds: from the first byte sent to the last record in the file. Server CPU: the server
process's user + system CPU time over the run (start-up excluded), per record. Peak RSS is the
server process's high-water mark (VmHWM) just before the SIGTERM.

usage: replay.py --server CMD --frames FILE --records N --connections C --label L [--runs R]
"""
import argparse
import collections
import json
import os
import pickle
import re
import shlex
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time


def read_frames(path):
    data = open(path, "rb").read()
    frames, off = [], 0
    while off < len(data):
        (n,) = struct.unpack(">L", data[off:off + 4])
        frames.append(data[off:off + 4 + n])
        off += 4 + n
    return frames


def start_server(cmd, out):
    p = subprocess.Popen(cmd.format(port=0, out=shlex.quote(out)), shell=True, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = p.stdout.readline().decode(errors="replace")
        if not line:
            break
        m = re.search(r"Serving on \('([^']+)', (\d+)", line)
        if m:
            threading.Thread(target=lambda: p.stdout.read(), daemon=True).start()
            return p, m.group(1), int(m.group(2))
    p.kill()
    raise SystemExit(f"replay: the server did not say where it serves: {cmd}")


def stop_server(p, pid, timeout=120):
    """SIGTERM to the server's process group, then waits until the server process itself is gone
    (the shell that started it may end first)."""
    os.killpg(p.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    break
        except OSError:
            break
        time.sleep(0.01)
    else:
        os.killpg(p.pid, signal.SIGKILL)
    p.wait(timeout=10)


def server_pid(p):
    """The server's process: the shell's child when the shell did not exec it."""
    try:
        children = open(f"/proc/{p.pid}/task/{p.pid}/children").read().split()
        return int(children[0]) if children else p.pid
    except OSError:
        return p.pid


def cpu_seconds(pid):
    """User + system CPU seconds the process has used so far."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def peak_rss_mib(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def send(host, port, payload, copies, errors):
    try:
        with socket.create_connection((host, port)) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 * 1024 * 1024)
            for _ in range(copies):
                s.sendall(payload)
            s.shutdown(socket.SHUT_WR)
            s.settimeout(120)
            while s.recv(65536):
                pass
    except OSError as e:
        errors.append(str(e))


def one_run(a, frames, expected_lines):
    n = len(frames)
    per_conn = a.records // a.connections
    copies, rest = divmod(per_conn, n)
    if rest:
        raise SystemExit(f"replay: records per connection ({per_conn}) must be a multiple of {n}")
    payload = b"".join(frames)
    expected_bytes = sum(len(l) for l in expected_lines) * copies * a.connections
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "one.log")
        p, host, port = start_server(a.server, out)
        pid = server_pid(p)
        cpu_before = cpu_seconds(pid)
        errors = []
        threads = [threading.Thread(target=send, args=(host, port, payload, copies, errors)) for _ in range(a.connections)]
        start = time.monotonic()
        for t in threads:
            t.start()
        last_size, last_change = -1, time.monotonic()
        while True:
            time.sleep(0.005)
            size = os.path.getsize(out) if os.path.exists(out) else 0
            now = time.monotonic()
            if size != last_size:
                last_size, last_change = size, now
            if size >= expected_bytes or now - last_change > 3:
                break
        seconds = last_change - start
        peak = peak_rss_mib(pid)
        cpu = cpu_seconds(pid) - cpu_before
        stop_server(p, pid)
        for t in threads:
            t.join(timeout=10)
        lost, corrupted, count_ok, written = check(out, expected_lines, copies * a.connections, a.records)
    return {"cpu": cpu, "seconds": seconds, "lost": lost, "corrupted": corrupted, "count": count_ok, "peak": peak,
            "written": written, "errors": errors}


def check(out, expected_lines, each, total):
    want = collections.Counter({l: each for l in expected_lines})
    got = collections.Counter()
    corrupted = 0
    lines = open(out, "rb").read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    count_line = lines.pop() if lines else b""
    for line in lines:
        if line + b"\n" in want:
            got[line + b"\n"] += 1
        else:
            corrupted += 1
    written = sum(got.values())
    duplicated = sum(max(0, got[l] - each) for l in got)
    lost = total - (written - duplicated)
    try:
        claimed = json.loads(count_line)["lines_collected"]
    except (ValueError, KeyError, TypeError):
        claimed = None
    count_ok = "true" if claimed == len(lines) else f"says {claimed}, file has {len(lines)}"
    return lost, corrupted + duplicated, count_ok, written


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--frames", required=True)
    ap.add_argument("--records", type=int, required=True)
    ap.add_argument("--connections", type=int, default=4)
    ap.add_argument("--label", required=True)
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 3)))
    a = ap.parse_args()
    frames = read_frames(a.frames)
    expected_lines = [(json.dumps(pickle.loads(f[4:])) + "\n").encode("ascii") for f in frames]
    runs = [one_run(a, frames, expected_lines) for _ in range(a.runs)]
    secs = statistics.median(r["seconds"] for r in runs)
    worst = max(runs, key=lambda r: (r["lost"], r["corrupted"]))
    rate = a.records / secs if secs > 0 else float("inf")
    cpu_us = statistics.median(r["cpu"] for r in runs) * 1e6 / a.records
    print(f"| {a.label} | {a.records:,} | {a.connections} | {secs:.3f} | {rate:,.0f} | {cpu_us:.1f} | {worst['lost']:,} | "
          f"{worst['corrupted']:,} | {worst['count']} | {max(r['peak'] for r in runs):.0f} |", flush=True)
    for r in runs:
        if r["errors"]:
            print(f"replay: {a.label}: sender errors: {r['errors'][:3]}", file=sys.stderr)


if __name__ == "__main__":
    main()
