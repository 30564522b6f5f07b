#!/usr/bin/env python3
"""scripts/bench tune's driver: `deli tune` against the book's knn_tuning.py (a pool of 2 workers,
and serial) and against GridSearchCV(n_jobs=2) (sklearn_grid.py), on the same files, the same
grid (k 1..39 step 2 x ED, MD, CD, SD) and the same split (every 5th row tests), in one run.

First the answers: deli's 80 lines must be the book program's, line for line (it exits 1 if
not); scikit-learn's cells that differ (it breaks ties otherwise) are counted. Then RUNS runs of
each case, the cases taking turns (A B C A B C ...) so a drift in the machine's speed touches
them alike, each timed twice: the whole command (JVM or interpreter start included) and the
figure the program prints itself, "Training Complete: N ms" (the data read to the last result).
Ratios are the other case's time over deli's, medians of the paired ratios.

usage: tune.py --data DIR --deli CMD --book PATH --sklearn PATH [--runs N] [--sets a,b] [--also LABEL=CMD ...]
               [--book-digits]
DIR holds iris.data, breast_cancer.data, digits.data (tune_data.py writes them). Without
--book-digits the book's program is left out on digits (about 20 times its breast_cancer time).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

SKLEARN_PY = "/usr/bin/python3"
TIME = re.compile(r"Training Complete: ([\d.]+) ms")


def run(cmd):
    """(wall seconds, in-process ms, stdout) of one run of shell command cmd."""
    start = time.monotonic()
    p = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True)
    wall = time.monotonic() - start
    if p.returncode != 0:
        raise SystemExit(f"bench tune: '{cmd}' exited {p.returncode}: {p.stderr.strip()[-500:]}")
    m = TIME.search(p.stderr)
    if not m:
        raise SystemExit(f"bench tune: '{cmd}' printed no 'Training Complete: N ms': {p.stderr.strip()[-500:]}")
    return wall, float(m.group(1)), p.stdout


def agree(name, data, a):
    deli = run(f"{a.deli} tune {data} --sorted")[2].splitlines()
    cells = len(deli)
    if name != "digits" or a.book_digits:
        book = run(f"python3 {a.book} {data} --sorted --workers 2")[2].splitlines()
        if deli != book:
            wrong = [f"deli '{x}', book '{y}'" for x, y in zip(deli, book) if x != y][:5]
            print(f"{name}: deli tune's lines DIFFER from the book program's ({len(deli)} and {len(book)} lines): {wrong}")
            sys.exit(1)
        print(f"{name}: deli tune's {cells} lines are the book program's, line for line.")
    if a.has_sklearn:
        sk = run(f"{SKLEARN_PY} {a.sklearn} {data}")[2].splitlines()
        differ = sum(1 for x, y in zip(deli, sk) if x != y) + abs(len(deli) - len(sk))
        if differ == 0:
            print(f"{name}: GridSearchCV's {cells} cells are deli's too (no tie decides a cell).")
        else:
            print(f"{name}: GridSearchCV differs from deli in {differ} of {cells} cells (it breaks ties otherwise).")


def measure(name, data, a):
    cases = [("deli tune", f"{a.deli} tune {data} --quiet")]
    for also in a.also:
        label, _, cmd = also.partition("=")
        cases.append((label, f"{cmd} tune {data} --quiet"))
    if name != "digits" or a.book_digits:
        cases.append(("book, 2 workers", f"python3 {a.book} {data} --quiet --workers 2"))
        if name != "digits":
            cases.append(("book, --serial", f"python3 {a.book} {data} --quiet --serial"))
    if a.has_sklearn:
        cases.append(("GridSearchCV(n_jobs=2)", f"{SKLEARN_PY} {a.sklearn} {data} --quiet --jobs 2"))
    runs = 1 if name == "digits" and a.book_digits else a.runs
    walls = {label: [] for label, _ in cases}
    inproc = {label: [] for label, _ in cases}
    for _ in range(runs):
        for label, cmd in cases:
            w, ms, _ = run(cmd)
            walls[label].append(w)
            inproc[label].append(ms)
    print()
    print(f"{name}, {runs} runs:")
    print()
    print("| case | whole command, median s (min-max) | in process, median ms (min-max) | whole vs deli | in process vs deli |")
    print("| --- | ---: | ---: | ---: | ---: |")
    ratios = {}
    for label, _ in cases:
        w, t = walls[label], inproc[label]
        rw = statistics.median(x / y for x, y in zip(w, walls["deli tune"]))
        rt = statistics.median(x / max(y, 0.5) for x, y in zip(t, inproc["deli tune"]))
        ratios[label] = (rw, rt)
        print(f"| {label} | {statistics.median(w):.3f} ({min(w):.3f}-{max(w):.3f}) | {statistics.median(t):.0f} "
              f"({min(t):.0f}-{max(t):.0f}) | {rw:.1f}x | {rt:.1f}x |")
    return ratios


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--deli", required=True)
    ap.add_argument("--book", required=True)
    ap.add_argument("--sklearn", required=True)
    ap.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", 5)))
    ap.add_argument("--sets", default="iris,breast_cancer,digits")
    ap.add_argument("--book-digits", action="store_true")
    ap.add_argument("--also", action="append", default=[], metavar="LABEL=CMD",
                    help="another deli to time in the same rounds (another JVM, another build)")
    a = ap.parse_args()
    a.has_sklearn = subprocess.run([SKLEARN_PY, "-c", "import sklearn"], capture_output=True).returncode == 0
    sets = [s for s in a.sets.split(",") if os.path.exists(os.path.join(a.data, s + ".data"))]
    for name in sets:
        agree(name, os.path.join(a.data, name + ".data"), a)
    found = {name: measure(name, os.path.join(a.data, name + ".data"), a) for name in sets}
    print()
    print("Against the issue's figures:")
    if "book, 2 workers" in found.get("breast_cancer", {}):
        print(f"- in process on breast_cancer, the book's program (2 workers) takes "
              f"{found['breast_cancer']['book, 2 workers'][1]:.0f} times deli's time (to reach: 100 or more)")
    if "GridSearchCV(n_jobs=2)" in found.get("digits", {}):
        rw, rt = found["digits"]["GridSearchCV(n_jobs=2)"]
        print(f"- in process on digits, GridSearchCV takes {rt:.0f} times deli's time (to reach: 20 or more)")
        print(f"- as whole commands on digits, deli takes {1 / rw:.2f} of GridSearchCV's time (to reach: 0.25 or less)")


if __name__ == "__main__":
    main()
