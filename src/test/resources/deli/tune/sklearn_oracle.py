#!/usr/bin/python3
"""deli tune's second test oracle: scikit-learn's k-NN under GridSearchCV, on data without ties.

usage: sklearn_oracle.py TEST_EVERY KS DISTANCES FILE...   (KS, DISTANCES comma-separated)
For each FILE (the book's format: features, then the label), each distance and each k prints
"FILE DISTANCE K CORRECT TESTED": KNeighborsClassifier(algorithm="brute") under GridSearchCV,
with a PredefinedSplit of the book's split (row n tests when n % TEST_EVERY == 0).

scikit-learn breaks ties its own way (neighbours at equal distance, votes), so it is an oracle
only where there are none: it first checks that, for every testing sample, no two training
samples lie at nearly the same distance, and fails if any do.
"""
import sys

import numpy as np
from sklearn.metrics import pairwise_distances
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.neighbors import KNeighborsClassifier

# The book's distances as scikit-learn names them; Sorensen is Bray-Curtis on positive data.
METRICS = {"ED": "euclidean", "MD": "manhattan", "CD": "chebyshev", "SD": "braycurtis"}


def read(path):
    rows, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                *cells, label = line.rstrip("\n").split(",")
                rows.append([float(c) for c in cells])
                labels.append(label)
    return np.array(rows), np.array(labels)


def tie_free(x, test, metric):
    d = pairwise_distances(x[test], x[~test], metric=metric)
    d.sort(axis=1)
    gaps = np.diff(d, axis=1)
    if (gaps <= 1e-9 * np.maximum(d[:, 1:], 1e-300)).any():
        raise SystemExit(f"{metric}: two training samples lie at nearly the same distance from a testing sample")


def main():
    every, ks, names, paths = int(sys.argv[1]), [int(k) for k in sys.argv[2].split(",")], sys.argv[3].split(","), sys.argv[4:]
    for path in paths:
        x, y = read(path)
        fold = np.where(np.arange(len(y)) % every == 0, 0, -1)
        test = fold == 0
        for name in names:
            tie_free(x, test, METRICS[name])
        search = GridSearchCV(
            KNeighborsClassifier(algorithm="brute"),
            {"n_neighbors": ks, "metric": [METRICS[n] for n in names]},
            cv=PredefinedSplit(fold),
            refit=False,
        )
        search.fit(x, y)
        tested = int(test.sum())
        score = {}
        for params, s in zip(search.cv_results_["params"], search.cv_results_["split0_test_score"]):
            score[params["metric"], params["n_neighbors"]] = s
        for name in names:
            for k in ks:
                print(path, name, k, round(score[METRICS[name], k] * tested), tested)


if __name__ == "__main__":
    main()
