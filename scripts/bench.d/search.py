#!/usr/bin/env python3
"""The search benchmark: deli search (in-process steady state, and whole commands) against the
chapter's DirectorySearch, grep -rF and ripgrep on one tree, in one run. Prints Markdown.

usage: search.py --tree DIR --deli scripts/deli --baselines DIR [--runs N] [--repeat N]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time

QUERIES = ["import", "class", "def", "zipimporter"]


def run(cmd, env=None, keep=None):
    """Runs cmd; returns (wall s, peak RSS MiB, kept stdout lines, stderr). keep: a regex for stdout lines."""
    start = time.monotonic()
    # Output nobody reads goes to /dev/null, so a slow reader never holds the command back.
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE if keep is not None else subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    kept = []
    pattern = re.compile(keep) if keep is not None else None
    if pattern is not None:
        for raw in p.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if pattern.search(line):
                kept.append(line)
    err = p.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    no_match = code == 1 and cmd[0] in ("grep", "rg")  # they exit 1 when nothing matched
    if code != 0 and not no_match:
        raise SystemExit(f"bench search: {' '.join(cmd)} exited {code}: {err.strip()[-800:]}")
    return wall, usage.ru_maxrss / 1024, kept, err


def corpus(tree):
    files = lines = size = 0
    for root, dirs, names in os.walk(tree):
        dirs[:] = [d for d in dirs if d not in {".tox", ".mypy_cache", "__pycache__", ".idea", ".git"}]
        for n in names:
            if n.endswith(".py"):
                path = os.path.join(root, n)
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                files += 1
                size += len(data)
                lines += data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    return files, size, lines


def deli_in_process(deli, tree, index, repeat, java_opts=None):
    cmd = [deli, "search", "--root", tree, "--repeat", str(repeat)] + (["--index"] if index else []) + QUERIES
    env = None
    if java_opts:
        env = dict(os.environ, JAVA_OPTS=java_opts)
    wall, rss, kept, err = run(cmd, env=env, keep=r"^(Found |'.*': median )")
    found = {}
    medians = {}
    for line in kept:
        m = re.match(r"Found (\d+) '(.*)' in (\d+) files in ([\d.]+) ms", line)
        if m:
            found[m.group(2)] = int(m.group(1))
        m = re.match(r"'(.*)': median ([\d.]+) ms, min ([\d.]+) ms, max ([\d.]+) ms.*scan: median ([\d.]+) ms", line)
        if m:
            medians[m.group(1)] = (float(m.group(2)), float(m.group(3)), float(m.group(4)), float(m.group(5)))
    loaded = next((l for l in err.splitlines() if l.startswith("loaded ")), "")
    return {"found": found, "medians": medians, "loaded": loaded, "rss": rss, "wall": wall}


def chapter(baselines, tree, repeat, work):
    out = os.path.join(work, "chapter.json")
    cmd = ["python3", os.path.join(baselines, "directory_search.py"), "--base", tree, "--targets", ",".join(QUERIES),
           "--repeat", str(repeat), "--json", out]
    wall, rss, _, _ = run(cmd)
    with open(out) as f:
        return json.load(f), wall


def per_query(cmds, runs):
    """Whole-process time per query for tools without a setup step: median of runs, cases taking turns."""
    times = {(tool, q): [] for tool in cmds for q in QUERIES}
    counts = {}
    for tool, make in cmds.items():
        for q in QUERIES:
            counts[(tool, q)] = len(run(make(q), keep=r"")[2])  # lines printed, read once apart from the timing
    for _ in range(runs):
        for tool, make in cmds.items():
            for q in QUERIES:
                times[(tool, q)].append(run(make(q))[0] * 1000)
    return {k: statistics.median(v) for k, v in times.items()}, counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", required=True)
    ap.add_argument("--deli", required=True)
    ap.add_argument("--baselines", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=7, help="rounds of the chapter's program (as its README runs it)")
    ap.add_argument("--deli-repeat", type=int, default=101, help="rounds of deli: more, so the JIT is warm (steady state)")
    a = ap.parse_args()
    work = tempfile.mkdtemp()
    try:
        files, size, lines = corpus(a.tree)
        print(f"Corpus: `{a.tree}`, {files:,} `*.py` files, {size / 1e6:.1f} MB, {lines:,} lines. "
              f"Machine shared with other work while measured: {os.getloadavg()[0]:.1f} load average at the start.")
        print()
        plain = deli_in_process(a.deli, a.tree, False, a.deli_repeat)
        indexed = deli_in_process(a.deli, a.tree, True, a.deli_repeat)
        heap = f"-Xmx{max(256, int(size * 3 / 1e6 / 64 + 1) * 64)}m"
        capped = deli_in_process(a.deli, a.tree, True, a.deli_repeat, java_opts=heap)
        book, book_wall = chapter(a.baselines, a.tree, a.repeat, work)
        tools = {"grep -rF": lambda q: ["grep", "-rF", "--include=*.py", q, a.tree]}
        if shutil.which("rg"):
            tools["ripgrep"] = lambda q: ["rg", "--no-ignore", "--hidden", "-a", "-F", "-g", "*.py", q, a.tree]
        whole, counts = per_query(tools, a.runs)

        print(f"### Per query (median; in-process after setup for deli ({a.deli_repeat} rounds) and the chapter ({a.repeat} rounds),"
              f" the first round left out; whole process for grep and ripgrep ({a.runs} runs))")
        print()
        header = ("| query | lines | deli | deli --index | deli --index, slowest shard's scan | the chapter | "
                  + " | ".join(tools) + " | deli --index vs ripgrep |")
        print(header)
        print("|" + " --- |" * 1 + " ---: |" * (header.count("|") - 2))
        for q in QUERIES:
            d = plain["medians"].get(q, (float("nan"),))[0]
            di = indexed["medians"].get(q, (float("nan"),))[0]
            b = book["later_queries_ms"][q]["median"]
            scan = indexed["medians"].get(q, (0, 0, 0, float("nan")))[3]
            row = f"| `{q}` | {plain['found'].get(q, '?'):,} | {d:.2f} ms | {di:.3f} ms | {scan:.3f} ms | {b:.1f} ms"
            for tool in tools:
                row += f" | {whole[(tool, q)]:.0f} ms"
            ref = whole.get(("ripgrep", q))
            row += f" | {ref / di:.0f}x |" if ref else " | |"
            print(row)
        print()
        agree = all(plain["found"].get(q) == indexed["found"].get(q) == capped["found"].get(q) == counts[(t, q)]
                    for q in QUERIES for t in tools)
        print("Lines found by deli, deli --index, grep" + (" and ripgrep" if "ripgrep" in tools else "") + " agree: "
              + ("yes." if agree else "NO: " + json.dumps({q: [plain["found"].get(q), indexed["found"].get(q)]
                                                         + [counts[(t, q)] for t in tools] for q in QUERIES})))
        print("The chapter's program finds " + ", ".join(f"{book['counts'][q]:,}" for q in QUERIES)
              + f": it leaves out the {len(book['undecodable_skipped'])} files it cannot decode, and `splitlines()` also"
              " ends lines at form feeds and other separators, where grep and deli do not.")
        print()
        print("### Setup and memory")
        print()
        print(f"- deli: {plain['loaded']}")
        print(f"- deli --index: {indexed['loaded']}")
        print(f"- deli peak RSS of the whole process (JVM, default heap sizing): {plain['rss']:.0f} MiB, "
              f"with --index {indexed['rss']:.0f} MiB")
        print(f"- deli --index with `JAVA_OPTS={heap}` (about 3x the corpus, for loading's transient arrays): peak RSS"
              f" {capped['rss']:.0f} MiB; medians " + ", ".join(
                  f"`{q}` {capped['medians'].get(q, (float('nan'),))[0]:.2f} ms" for q in QUERIES))
        print(f"- the chapter: listing {book['listing_s']:.2f} s; setup_search() returns at once "
              f"({book['setup_search_call_s']:.3f} s) and its workers read while the first query waits: "
              f"first query {book['first_query']['ms']:.0f} ms; {len(book['undecodable_skipped'])} files it cannot decode left out")
        print()
        print(f"### Whole commands (one query, load included; {a.runs} runs, cases taking turns)")
        print()
        cases = [
            ("deli search import", f"{a.deli} search --root {a.tree} import"),
            ("deli search --index import", f"{a.deli} search --index --root {a.tree} import"),
            ("the chapter, import", f"python3 {a.baselines}/directory_search.py --base {a.tree} --targets import --repeat 1"),
            ("grep -rF import", f"grep -rF --include='*.py' import {a.tree}"),
        ]
        if "ripgrep" in tools:
            cases.append(("ripgrep import", f"rg --no-ignore --hidden -a -F -g '*.py' import {a.tree}"))
        measure = [x for c in cases for x in ("--case", f"{c[0]}={c[1]}")]
        subprocess.run(["python3", os.path.join(os.path.dirname(__file__), "measure.py"), "--runs", str(a.runs)] + measure, check=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
