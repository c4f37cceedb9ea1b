#!/usr/bin/python3
"""The scipy / scikit-learn side of StatsBench: times KS, PSI and ECE on the files the C# harness wrote.

Usage: /usr/bin/python3 scipy_bench.py FOLDER [REPEATS]; prints one JSON object with the median time of each.
"""
import json
import os
import sys
import time

import numpy as np
from scipy import stats
from sklearn.calibration import calibration_curve

folder = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
ref = np.fromfile(os.path.join(folder, "reference.f64"))
cur = np.fromfile(os.path.join(folder, "current.f64"))
prob = np.fromfile(os.path.join(folder, "probability.f64"))
label = np.fromfile(os.path.join(folder, "label.f64")).astype(int)


def ks():
    return stats.ks_2samp(ref, cur).pvalue


def psi(bins=10, eps=1e-4):
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    k = len(edges) + 1
    p = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=k) / len(ref)
    q = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=k) / len(cur)
    p = np.maximum(p, eps)
    q = np.maximum(q, eps)
    return float(np.sum((q - p) * np.log(q / p)))


def ece(bins=15):
    prob_true, prob_pred = calibration_curve(label, prob, n_bins=bins, strategy="uniform")
    counts = np.bincount(np.searchsorted(np.linspace(0, 1, bins + 1)[1:-1], prob), minlength=bins)
    counts = counts[counts > 0]
    return float(np.sum(counts / len(prob) * np.abs(prob_true - prob_pred)))


out = {}
for name, fn in [("ks", ks), ("psi", psi), ("ece", ece)]:
    value = fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - start) * 1000)
    out[name] = {"ms": float(np.median(times)), "value": float(value)}
print(json.dumps(out))
