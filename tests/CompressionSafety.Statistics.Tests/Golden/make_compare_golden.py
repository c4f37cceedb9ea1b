"""Writes compare_golden.json: expected values for the comparison statistics and change detectors.

Run with Debian's interpreter (scipy 1.10, statsmodels 0.13):  /usr/bin/python3 make_compare_golden.py
CI reads only the committed JSON.
"""
import json
import math
import os
import random

import numpy as np
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint, proportions_ztest)

import detectors_reference as ref

HERE = os.path.dirname(os.path.abspath(__file__))


def wilson(x, n):
    low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
    return [float(low), float(high)]


def proportions_cases():
    pairs = [
        (0, 10, 0, 10), (10, 10, 10, 10), (0, 1, 1, 1), (1, 1, 0, 1), (0, 1, 0, 1), (1, 1, 1, 1),
        (0, 50, 3, 40), (50, 50, 37, 40), (7, 20, 12, 25), (45, 100, 60, 100), (1, 3, 2, 7),
        (123456, 1000000, 125000, 1000000), (999999, 1000000, 999990, 1000000), (5, 1000000, 50, 1000000),
        (3000, 10000, 2900, 10000), (17, 19, 2, 23),
    ]
    out = []
    for x1, n1, x2, n2 in pairs:
        low, high = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=0.05)
        case = {"x1": x1, "n1": n1, "x2": x2, "n2": n2, "wilson1": wilson(x1, n1), "wilson2": wilson(x2, n2),
                "newcombe": [float(low), float(high)], "difference": x1 / n1 - x2 / n2}
        pooled = (x1 + x2) / (n1 + n2)
        if 0.0 < pooled < 1.0:
            z, p = proportions_ztest([x1, x2], [n1, n2], value=0, alternative="two-sided")
            case["z"], case["p_value"] = float(z), float(p)
        else:
            # statsmodels returns NaN here; the library's documented choice is z = 0, p = 1.
            case["z"], case["p_value"] = 0.0, 1.0
        out.append(case)
    return out


def mcnemar_cases():
    pairs = [(0, 0), (1, 0), (0, 1), (1, 1), (3, 3), (5, 0), (0, 12), (10, 2), (25, 40), (100, 130),
             (1000, 1100), (100000, 101000), (50000, 49000), (1, 30), (0, 1000), (200, 0)]
    out = []
    for b, c in pairs:
        n = b + c
        exact = 1.0 if n == 0 else min(1.0, 2.0 * float(stats.binom.cdf(min(b, c), n, 0.5)))
        if n == 0:
            stat, p_chi2 = 0.0, 1.0
        else:
            res = mcnemar([[0, b], [c, 0]], exact=False, correction=True)
            stat, p_chi2 = float(res.statistic), float(res.pvalue)
            check = mcnemar([[0, b], [c, 0]], exact=True)
            assert math.isclose(float(check.pvalue), exact, rel_tol=1e-12) or exact == 1.0
        out.append({"b": b, "c": c, "p_value_exact": exact, "statistic_chi2": stat, "p_value_chi2": p_chi2})
    return out


def bh_cases():
    rng = np.random.default_rng(3)
    arrays = [
        [0.01, 0.02, 0.03, 0.04, 0.05],
        [0.5],
        [0.0, 1.0, 0.2, 0.2, 0.2, 0.001],
        [0.9, 0.8, 0.7, 0.0001, 0.04, 0.04, 0.5],
        [float(v) for v in rng.uniform(0, 1, 40)],
        [float(v) for v in rng.uniform(0, 0.01, 25)],
    ]
    return [{"p_values": a, "adjusted": [float(v) for v in multipletests(a, method="fdr_bh")[1]]} for a in arrays]


def distribution_cases():
    # Spot checks of MathNet against scipy where the library leans on it.
    binom = [{"k": k, "n": n, "cdf": float(stats.binom.cdf(k, n, 0.5))}
             for k, n in [(0, 1), (3, 10), (0, 40), (12, 100), (480, 1000), (99000, 201000), (0, 1000)]]
    chi2 = [{"x": x, "sf": float(stats.chi2.sf(x, 1))} for x in [0.0, 1e-8, 0.5, 3.841458820694124, 10.0, 50.0, 200.0]]
    norm = [{"z": z, "two_sided": float(2 * stats.norm.sf(abs(z)))} for z in [0.0, 0.3, 1.959963984540054, 4.0, 9.0, 20.0]]
    return {"binomial_half_cdf": binom, "chi2_1_sf": chi2, "normal_two_sided": norm}


def streams():
    rng = random.Random(20261127)
    mean_shift = [rng.gauss(0.0, 1.0) for _ in range(1000)] + [rng.gauss(1.5, 1.0) for _ in range(1000)]
    rate_shift = [1.0 if rng.random() < 0.1 else 0.0 for _ in range(600)] + \
                 [1.0 if rng.random() < 0.3 else 0.0 for _ in range(900)]
    large_jump = [rng.gauss(10.0, 2.0) for _ in range(300)] + [rng.gauss(80.0, 2.0) for _ in range(300)]
    drift_down = [rng.gauss(5.0 - 0.004 * i, 0.5) for i in range(1500)]
    noise_up = [rng.gauss(0.0, 1.0) for _ in range(500)] + [rng.gauss(0.0, 4.0) for _ in range(500)]
    window_rates = [0.02 + 0.002 * rng.gauss(0.0, 1.0) for _ in range(120)] + \
                   [0.035 + 0.002 * rng.gauss(0.0, 1.0) for _ in range(80)]
    constant = [3.0] * 100
    return {"mean_shift": mean_shift, "rate_shift": rate_shift, "large_jump": large_jump, "drift_down": drift_down,
            "noise_up": noise_up, "window_rates": window_rates, "constant": constant, "short": [1.0, 2.0, 3.0]}


def detector_cases():
    makers = {"page-hinkley": ref.PageHinkley, "cusum": ref.Cusum, "ewma": ref.Ewma, "adwin": ref.Adwin}
    out = []
    for name, values in streams().items():
        detections = {method: ref.detect(make(), values) for method, make in makers.items()}
        out.append({"name": name, "values": values, "detections": detections})
    return out


def main():
    golden = {
        "generator": "make_compare_golden.py",
        "versions": {"scipy": __import__("scipy").__version__,
                     "statsmodels": __import__("statsmodels").__version__, "numpy": np.__version__},
        "proportions": proportions_cases(),
        "mcnemar": mcnemar_cases(),
        "benjamini_hochberg": bh_cases(),
        "distributions": distribution_cases(),
        "detectors": detector_cases(),
    }
    with open(os.path.join(HERE, "compare_golden.json"), "w", encoding="utf-8") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
