#!/usr/bin/python3
"""Writes scikit-learn's bundled iris, breast_cancer and digits sets in the book's format (numeric
features, the label last, comma-separated, no header) into DIR, for `scripts/bench tune`.
Needs Debian's python3-sklearn, which ships both sets (no download).

usage: tune_data.py DIR
Writes DIR/iris.data (150 rows, 4 features, labels Iris-setosa...: byte for byte the bezdekIris
file deli ships and the book reads), DIR/breast_cancer.data (569 rows, 30 features, labels malignant/benign) and
DIR/digits.data (1797 rows, 64 features, labels 0..9). Features are written with repr(), so
every reader gets back the same doubles.
"""
import sys
from pathlib import Path

from sklearn.datasets import load_breast_cancer, load_digits, load_iris


def write(path, bunch, label):
    with open(path, "w", encoding="utf-8") as f:
        for row, target in zip(bunch.data, bunch.target):
            f.write(",".join(repr(float(v)) for v in row) + "," + label(target) + "\n")


def main():
    out = Path(sys.argv[1])
    iris = load_iris()
    write(out / "iris.data", iris, lambda t: "Iris-" + str(iris.target_names[t]))
    cancer = load_breast_cancer()
    write(out / "breast_cancer.data", cancer, lambda t: str(cancer.target_names[t]))
    write(out / "digits.data", load_digits(), lambda t: str(int(t)))


if __name__ == "__main__":
    main()
