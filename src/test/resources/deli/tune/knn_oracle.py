#!/usr/bin/env python3
"""deli tune's test oracle: the book's k-NN rules (issue 14) written plainly, one cell a line.

usage: knn_oracle.py [--other-ties] TEST_EVERY MAX_K DISTANCES FILE...
For each FILE, each distance of DISTANCES (comma-separated) and each k in 1..MAX_K (at most the
file's training rows) prints "FILE DISTANCE K CORRECT TESTED".

The rules:
- one sample a line: numeric features, then the label, comma-separated; blank lines skipped and
  not counted; row n (0-based) tests when n % TEST_EVERY == 0, trains otherwise;
- a testing sample's neighbours: the training samples ordered by distance, then by their features
  left to right, then by their label (Python's own float and str comparisons);
- the vote among the k nearest: the label with the most votes; among equal counts, the label
  met first going nearest first;
- distances from training features a to testing features b, sums added left to right from 0:
  ED = math.hypot(a_i - b_i ...), MD = sum |a_i - b_i|, CD = max |a_i - b_i|,
  SD = sum |a_i - b_i| / sum (a_i + b_i).

--other-ties breaks both kinds of tie another way (neighbours at equal distance in file order,
a tie in votes to the label met last): the tests use it to show their data is one where the
tie rules decide cells.
"""
import math
import sys


def samples(path, every):
    train, test = [], []
    row = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() == "":
                continue
            *cells, label = line.rstrip("\n").split(",")
            sample = ([float(c) for c in cells], label)
            if row % every == 0:
                test.append(sample)
            else:
                train.append(sample)
            row += 1
    return train, test


def left_to_right(values):
    total = 0
    for v in values:
        total = total + v
    return total


def distance(name, a, b):
    if name == "ED":
        return math.hypot(*[x - y for x, y in zip(a, b)])
    if name == "MD":
        return left_to_right(abs(x - y) for x, y in zip(a, b))
    if name == "CD":
        largest = None
        for x, y in zip(a, b):
            d = abs(x - y)
            if largest is None or d > largest:
                largest = d
        return largest
    if name == "SD":
        return left_to_right(abs(x - y) for x, y in zip(a, b)) / left_to_right(x + y for x, y in zip(a, b))
    raise SystemExit(f"no distance {name}")


def vote(labels, other_ties):
    counts = {}
    order = []
    for label in labels:
        if label not in counts:
            counts[label] = 0
            order.append(label)
        counts[label] += 1
    if other_ties:
        order.reverse()
    best = order[0]
    for label in order[1:]:
        if counts[label] > counts[best]:
            best = label
    return best


def main():
    args = sys.argv[1:]
    other_ties = args[0] == "--other-ties"
    if other_ties:
        args = args[1:]
    every, max_k, names, paths = int(args[0]), int(args[1]), args[2].split(","), args[3:]
    for path in paths:
        train, test = samples(path, every)
        ks = range(1, min(max_k, len(train)) + 1)
        for name in names:
            correct = dict.fromkeys(ks, 0)
            for features, truth in test:
                pairs = [(distance(name, known, features), i) for i, (known, _) in enumerate(train)]
                if other_ties:
                    pairs.sort(key=lambda p: p[0])
                else:
                    pairs.sort(key=lambda p: (p[0], train[p[1]][0], train[p[1]][1]))
                labels = [train[i][1] for _, i in pairs]
                for k in ks:
                    if vote(labels[:k], other_ties) == truth:
                        correct[k] += 1
            for k in ks:
                print(path, name, k, correct[k], len(test))


if __name__ == "__main__":
    main()
