#!/usr/bin/env python3
"""Fits the decide stage's logistic weights from `pakazbot eval --features` files, and (span mode) the span
ranker's weights from `PAKAZBOT_EXPLAIN=all pakazbot eval --explain` traces.

Usage: fit.py FEATURES.tsv [FEATURES.tsv ...]
       fit.py --spans TRACE.txt [TRACE.txt ...]

Span mode labels each span by whether its paragraph is the one the question's expected passage is in, fits a
pointwise logistic model, and prints the top-1 paragraph accuracy the fitted weights give on the same traces.

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
    """Logistic regression on standardized features (so the penalty weighs every feature alike), mapped back."""
    n = len(rows[0][2])
    mean = [sum(x[i] for _, _, x in rows) / len(rows) for i in range(n)]
    std = [max(1e-6, (sum((x[i] - mean[i]) ** 2 for _, _, x in rows) / len(rows)) ** 0.5) for i in range(n)]
    scaled = [(i, y, [(x[k] - mean[k]) / std[k] for k in range(n)]) for i, y, x in rows]
    w = fit_raw(scaled, n, l2, steps, rate)
    raw = [w[k + 1] / std[k] for k in range(n)]
    return [w[0] - sum(raw[k] * mean[k] for k in range(n))] + raw


def fit_raw(rows, n, l2, steps, rate):
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


SPAN_NAMES = ["sentence_coverage", "passage_coverage", "fused", "bm25", "sentence_cosine", "passage_cosine",
              "brevity", "fits_type", "pair", "missing_name", "dates_fit"]


def load_spans(paths):
    questions = []
    for path in paths:
        current = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("=== "):
                    gold = line.rsplit("| gold=", 1)[1].strip()
                    current = (line[4:].split(" ", 1)[0], gold, [])
                    if gold not in ("decline", ""):
                        questions.append(current)
                elif current is not None and line.startswith("[span] "):
                    cells = line[7:].rstrip("\n").split("\t")
                    current[2].append((cells[0], [float(x) for x in cells[2:]]))
    return questions


def fit_listwise(questions, l2=0.01, steps=3000, rate=0.5):
    """Softmax over each question's spans; the loss is minus the log of the probability given to gold spans.
    Features are standardized for the fit, and the weights mapped back to raw feature units."""
    xs = [x for _, _, spans in questions for _, x in spans]
    n = len(xs[0])
    mean = [sum(x[i] for x in xs) / len(xs) for i in range(n)]
    std = [max(1e-6, (sum((x[i] - mean[i]) ** 2 for x in xs) / len(xs)) ** 0.5) for i in range(n)]
    data = [([(1 if pid == gold else 0, [(x[i] - mean[i]) / std[i] for i in range(n)]) for pid, x in spans])
            for _, gold, spans in questions if any(pid == gold for pid, _ in spans)]
    w = [0.0] * n
    for _ in range(steps):
        grad = [0.0] * n
        for spans in data:
            scores = [sum(wi * xi for wi, xi in zip(w, x)) for _, x in spans]
            top = max(scores)
            exp = [math.exp(v - top) for v in scores]
            total = sum(exp)
            gold_total = sum(e for e, (y, _) in zip(exp, spans) if y)
            for e, (y, x) in zip(exp, spans):
                coef = e / total - (e / gold_total if y else 0)
                for i in range(n):
                    grad[i] += coef * x[i]
        for i in range(n):
            w[i] -= rate * (grad[i] / len(data) + l2 * w[i])
    return [w[i] / std[i] for i in range(n)]


def spans_main(paths):
    questions = load_spans(paths)
    w = fit_listwise(questions)
    print("features:", ", ".join(SPAN_NAMES))
    print("weights: [" + ", ".join(f"{v:.2f}" for v in w) + "]")
    score = lambda x: sum(wi * xi for wi, xi in zip(w, x))
    right = sum(1 for qid, gold, spans in questions if spans and max(spans, key=lambda s: score(s[1]))[0] == gold)
    print(f"top-1 paragraph with these weights: {right}/{len(questions)}")


def main():
    if sys.argv[1] == "--spans":
        spans_main(sys.argv[2:])
        return
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
