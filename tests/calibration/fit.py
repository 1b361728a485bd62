#!/usr/bin/env python3
"""Fits the decide stage's logistic weights from `pakazbot eval --features` files.

Usage: fit.py FEATURES.tsv [FEATURES.tsv ...]

Each row is one question's best candidate (answered with no threshold): its named features and whether answering
with it would have been right (must-decline questions are never right). Prints the weights in the order
DecideStage expects (intercept first), and the in-sample reliability table. L2-regularized, plain Python, so it
runs anywhere without packages.
"""
import math
import sys


def load(paths):
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split("\t")
            names = header[5:]
            for line in f:
                cells = line.rstrip("\n").split("\t")
                rows.append((cells[0], int(cells[3]), [float(x) for x in cells[5:]]))
    return names, rows


def fit(rows, l2=0.02, steps=20000, rate=0.5):
    n = len(rows[0][2])
    w = [0.0] * (n + 1)
    for _ in range(steps):
        grad = [0.0] * (n + 1)
        for _, y, x in rows:
            z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], x))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            grad[0] += p - y
            for i, xi in enumerate(x):
                grad[i + 1] += (p - y) * xi
        for i in range(n + 1):
            reg = l2 * w[i] if i > 0 else 0
            w[i] -= rate * (grad[i] / len(rows) + reg)
    return w


def predict(w, x):
    z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], x))
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def main():
    names, rows = load(sys.argv[1:])
    w = fit(rows)
    print("features:", ", ".join(["intercept"] + names))
    print("weights: [" + ", ".join(f"{v:.2f}" for v in w) + "]")
    edges = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    for lo, hi in zip(edges, edges[1:]):
        band = [(i, y) for i, y, x in rows if lo <= predict(w, x) < hi]
        right = sum(y for _, y in band)
        print(f"[{lo:.1f},{hi:.1f}) {len(band):4d} rows {right / len(band) if band else 0:6.0%} right")
    wrong_high = [i for i, y, x in rows if y == 0 and predict(w, x) >= 0.9]
    print("wrong at >= 0.9:", wrong_high)


if __name__ == "__main__":
    main()
