#!/usr/bin/python3
"""Writes drift_golden.json: expected drift and calibration values computed with scipy / scikit-learn.

Run with Debian's interpreter (python3-scipy 1.10, python3-sklearn 1.2):
    /usr/bin/python3 tests/CompressionSafety.Statistics.Tests/Golden/make_drift_golden.py
The samples are generated here with a fixed seed and stored in the JSON, so the C# tests read the same inputs
and CI needs no Python.
"""
import json
import os
import warnings

import numpy as np
import scipy
import sklearn
from scipy import special, stats
from scipy.spatial.distance import jensenshannon
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss

rng = np.random.default_rng(20261127)
EPS = 1e-4


def ks(a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an exact-to-asymp fallback would warn: fail loudly instead
        res = stats.ks_2samp(a, b)
    method = "exact" if max(len(a), len(b)) <= 10000 else "asymp"
    return {"statistic": float(res.statistic), "p_value": float(res.pvalue), "method": method}


def numeric_case(name, ref, cur, bins=10):
    # Six decimals keep the committed JSON small; the rounded values are the inputs both sides use.
    ref = np.round(np.asarray(ref, dtype=float), 6)
    cur = np.round(np.asarray(cur, dtype=float), 6)
    edges = np.unique(np.quantile(ref, np.arange(1, bins) / bins))
    k = len(edges) + 1
    cr = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=k)
    cc = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=k)
    p = cr / len(ref)
    q = cc / len(cur)
    pf = np.maximum(p, EPS)
    qf = np.maximum(q, EPS)
    psi = float(np.sum((qf - pf) * np.log(qf / pf)))
    hell = float(np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2) / 2))
    assert abs(hell - np.sqrt(max(0.0, 1 - np.sum(np.sqrt(p * q))))) < 1e-7
    return {
        "name": name,
        "reference": ref.tolist(),
        "current": cur.tolist(),
        "bins_requested": bins,
        "bins": int(k),
        "edges": edges.tolist(),
        "ks": ks(ref, cur),
        "psi": psi,
        "jensen_shannon": float(jensenshannon(p, q, base=2)),
        "wasserstein": float(stats.wasserstein_distance(ref, cur)),
        "hellinger": hell,
    }


numeric = []
numeric.append(numeric_case("tiny_3_4", rng.normal(size=3), rng.normal(size=4)))
numeric.append(numeric_case("tiny_equal_5", rng.normal(size=5), rng.normal(0.5, 1, size=5)))
numeric.append(numeric_case("single_values", [1.0], [2.0]))
numeric.append(numeric_case("ties_integers", rng.integers(0, 5, size=50), rng.integers(0, 6, size=60)))
same = rng.normal(size=100)
numeric.append(numeric_case("identical", same, same.copy()))
numeric.append(numeric_case("disjoint", rng.uniform(0, 1, size=20), rng.uniform(5, 6, size=30)))
numeric.append(numeric_case("medium_shift", rng.normal(size=500), rng.normal(0.2, 1, size=700)))
numeric.append(numeric_case("equal_sizes_null", rng.normal(size=400), rng.normal(size=400)))
numeric.append(numeric_case("empty_bins", rng.normal(size=300), rng.normal(3.0, 0.1, size=80), bins=20))
numeric.append(numeric_case("heavy_ties_reference", np.repeat([0.0, 1.0, 2.0], [80, 15, 5]), rng.integers(0, 3, size=90)))
numeric.append(numeric_case("exact_at_switch_10000_9000", rng.normal(size=10000), rng.normal(0.03, 1, size=9000)))
numeric.append(numeric_case("exact_equal_10000", rng.normal(size=10000), rng.normal(0.02, 1, size=10000)))
numeric.append(numeric_case("asymp_equal_10001", rng.normal(size=10001), rng.normal(0.02, 1, size=10001)))
numeric.append(numeric_case("asymp_10001_3000_shift", rng.normal(size=10001), rng.normal(0.1, 1, size=3000)))
numeric.append(numeric_case("asymp_12000_11000_null", rng.normal(size=12000), rng.normal(size=11000)))
big = rng.normal(size=12000)
numeric.append(numeric_case("asymp_near_identical", big, np.concatenate([big[:11990], rng.normal(size=5)])))
numeric.append(numeric_case("asymp_small_en_20000_50", rng.normal(size=20000), rng.normal(0.3, 1, size=50)))
numeric.append(numeric_case("asymp_small_en_null", rng.normal(size=15000), rng.normal(size=100)))
numeric.append(numeric_case("asymp_small_en_far", rng.normal(size=15000), rng.normal(1.5, 1, size=30)))


def categorical_case(name, ref_counts, cur_counts):
    a = np.asarray(ref_counts)
    b = np.asarray(cur_counts)
    keep = (a + b) > 0
    table = np.vstack([a[keep], b[keep]])
    if table.shape[1] <= 1:
        chi = {"statistic": 0.0, "p_value": 1.0, "dof": 0}
    else:
        s, pv, dof, _ = stats.chi2_contingency(table, correction=False)
        chi = {"statistic": float(s), "p_value": float(pv), "dof": int(dof)}
    p = a / a.sum()
    q = b / b.sum()
    pf = np.maximum(p, EPS)
    qf = np.maximum(q, EPS)
    return {
        "name": name,
        "reference_counts": a.tolist(),
        "current_counts": b.tolist(),
        "chi_square": chi,
        "psi": float(np.sum((qf - pf) * np.log(qf / pf))),
        "jensen_shannon": float(jensenshannon(p, q, base=2)),
    }


categorical = [
    categorical_case("three_categories", [50, 30, 20], [40, 35, 25]),
    categorical_case("zero_column_dropped", [50, 0, 20, 7], [40, 0, 25, 1]),
    categorical_case("new_category", [100, 50, 0], [90, 40, 30]),
    categorical_case("single_category", [10, 0], [7, 0]),
    categorical_case("strong_shift", [900, 90, 10], [100, 300, 600]),
    categorical_case("identical_proportions", [20, 40, 60], [10, 20, 30]),
]


def calibration_case(name, p, y, bins=15):
    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=int)
    n = len(p)
    edges = np.linspace(0.0, 1.0, bins + 1)
    binids = np.searchsorted(edges[1:-1], p)
    total = np.bincount(binids, minlength=bins)
    sum_p = np.bincount(binids, weights=p, minlength=bins)
    sum_y = np.bincount(binids, weights=y, minlength=bins)
    if len(np.unique(y)) == 2:
        prob_true, prob_pred = calibration_curve(y, p, n_bins=bins, strategy="uniform")
        nz = total != 0
        assert np.allclose(prob_true, sum_y[nz] / total[nz], rtol=0, atol=1e-15)
        assert np.allclose(prob_pred, sum_p[nz] / total[nz], rtol=0, atol=1e-15)
    nz = total != 0
    gaps = np.abs(sum_y[nz] / total[nz] - sum_p[nz] / total[nz])
    ece = float(np.sum(total[nz] / n * gaps))
    mce = float(np.max(gaps))
    order = np.argsort(p, kind="stable")
    ace = 0.0
    for g in np.array_split(order, bins):
        if len(g) > 0:
            ace += len(g) / n * abs(y[g].mean() - p[g].mean())
    out_bins = []
    for b in range(bins):
        c = int(total[b])
        out_bins.append({
            "count": c,
            "mean_probability": float(sum_p[b] / c) if c else None,
            "fraction_positive": float(sum_y[b] / c) if c else None,
        })
    return {
        "name": name,
        "bins_requested": bins,
        "probability": p.tolist(),
        "label": y.tolist(),
        "ece": ece,
        "mce": mce,
        "ace": float(ace),
        "brier": float(brier_score_loss(y, p)),
        "log_loss": float(log_loss(y, p, eps=1e-15, labels=[0, 1])),
        "bins": out_bins,
    }


pr = rng.uniform(size=1000)
calibration = [
    calibration_case("random_1000", pr, (rng.uniform(size=1000) < pr ** 1.3).astype(int)),
    calibration_case("on_edges_15", np.arange(16) / 15, [0, 1] * 8),
    calibration_case("on_edges_10", np.repeat(np.arange(11) / 10, 3), rng.integers(0, 2, size=33), bins=10),
    calibration_case("zero_and_one", [0.0, 0.0, 1.0, 1.0, 0.5, 1.0, 0.0], [0, 1, 1, 0, 1, 1, 0]),
    calibration_case("fewer_points_than_bins", [0.1, 0.35, 0.9], [0, 1, 1]),
    calibration_case("all_positive", rng.uniform(0.5, 1, size=40), np.ones(40, dtype=int), bins=5),
    calibration_case("ties_across_groups", np.repeat([0.2, 0.6], 10), [0, 1] * 10, bins=3),
]

kstwo = []
for n in [1, 2, 5, 10, 50, 100, 140, 141, 500, 2500, 20000, 150000, 500000]:
    xs = [0.3 / n, 0.8 / n, 1.5 / n, 0.3 / np.sqrt(n), 0.6 / np.sqrt(n), 0.8 / np.sqrt(n), 1.0 / np.sqrt(n),
          1.3 / np.sqrt(n), 1.8 / np.sqrt(n), 2.5 / np.sqrt(n), 4.0 / np.sqrt(n), 0.5, 0.7, 1 - 1.5 / n]
    for x in sorted(set(float(v) for v in xs if 0 < v < 1)):
        kstwo.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n)), "smirnov": float(special.smirnov(n, x))})

doc = {
    "generator": "make_drift_golden.py",
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
    "psi_epsilon": EPS,
    "numeric": numeric,
    "categorical": categorical,
    "calibration": calibration,
    "kstwo": kstwo,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "drift_golden.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(doc, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {path}: {len(numeric)} numeric, {len(categorical)} categorical, {len(calibration)} calibration, {len(kstwo)} kstwo")
