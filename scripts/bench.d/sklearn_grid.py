#!/usr/bin/python3
"""The book's hyperparameter grid as scikit-learn users run it: GridSearchCV over
KNeighborsClassifier(algorithm="brute"), with a PredefinedSplit of the book's split (row n tests
when n % TEST_EVERY == 0), on a file in the book's format (numeric features, the label last, no
header). The rival for `deli tune` in `scripts/bench tune`; needs Debian's python3-sklearn.

usage: sklearn_grid.py DATA [--k 1..39] [--step 2] [--distances ED,MD,CD,SD] [--test-every 5]
                            [--jobs 2] [--sorted] [--quiet]
Prints one line per hyperparameter, f"{k:2d} {name:2s} {quality:.3f}" (grid order: scikit-learn
gathers the whole grid before it answers), then on stderr the best and
"Training Complete: N ms", timed as the book times its program: from before the data is read to
the last result.

The distances as scikit-learn names them: ED euclidean, MD manhattan, CD chebyshev, SD
braycurtis (the book's Sorensen on data without negative values). scikit-learn breaks ties in
distance and in votes otherwise than the book, so on data with ties some cells differ.
"""
import argparse
import sys
import time

METRICS = {"ED": "euclidean", "MD": "manhattan", "CD": "chebyshev", "SD": "braycurtis"}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data")
    p.add_argument("--k", default="1..39")
    p.add_argument("--step", type=int, default=2)
    p.add_argument("--distances", default="ED,MD,CD,SD")
    p.add_argument("--test-every", type=int, default=5)
    p.add_argument("--jobs", type=int, default=2, help="GridSearchCV's n_jobs")
    p.add_argument("--sorted", action="store_true", help="accepted for symmetry: the output is always in grid order")
    p.add_argument("--quiet", action="store_true", help="print only the best and the time")
    a = p.parse_args()
    lo, hi = (int(x) for x in a.k.split(".."))
    names = a.distances.split(",")
    ks = list(range(lo, hi + 1, a.step))

    # Imports are part of the command, not of the timed work (the book's program imports too).
    import numpy as np
    from sklearn.model_selection import GridSearchCV, PredefinedSplit
    from sklearn.neighbors import KNeighborsClassifier

    start = time.perf_counter()
    rows, labels = [], []
    with open(a.data, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                *cells, label = line.rstrip("\n").split(",")
                rows.append([float(c) for c in cells])
                labels.append(label)
    x, y = np.array(rows), np.array(labels)
    fold = np.where(np.arange(len(y)) % a.test_every == 0, 0, -1)
    search = GridSearchCV(
        KNeighborsClassifier(algorithm="brute"),
        {"metric": [METRICS[n] for n in names], "n_neighbors": ks},
        cv=PredefinedSplit(fold),
        n_jobs=a.jobs,
        refit=False,
    )
    search.fit(x, y)
    elapsed = time.perf_counter() - start

    score = {(q["n_neighbors"], q["metric"]): s for q, s in zip(search.cv_results_["params"], search.cv_results_["split0_test_score"])}
    results = [(k, n, score[k, METRICS[n]]) for k in ks for n in names]
    if not a.quiet:
        for k, n, quality in results:
            print(f"{k:2d} {n:2s} {quality:.3f}")
    best = max(results, key=lambda r: r[2])
    tested = int((fold == 0).sum())
    print(f"best: k={best[0]} {best[1]} quality={best[2]:.3f}; {len(results)} hyperparameters, "
          f"{len(y) - tested} training and {tested} testing samples", file=sys.stderr)
    print(f"Training Complete: {elapsed * 1000:.0f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
