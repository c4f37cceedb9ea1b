"""Golden values for RateChangeCusum.LogLikelihoodRatio: x_v ln psi - ln E0[psi^X], X ~ hypergeom(N, K, n_v).

Run with Debian's scipy: /usr/bin/python3 make_rate_change_golden.py > rate_change_golden.json
"""
import json

import numpy as np
from scipy.special import logsumexp
from scipy.stats import hypergeom

CASES = [
    # psi, x_v, n_v, x_b, n_b
    (0.55, 105, 1500, 180, 1500),
    (0.55, 180, 1500, 180, 1500),
    (1.8, 40, 225, 25, 230),
    (1.8, 3, 10, 1, 12),
    (0.5, 0, 400, 9, 380),
    (2.5, 1999, 2000, 1990, 2000),
    (1.75, 600, 20000, 610, 5000),
]

out = []
for psi, xv, nv, xb, nb in CASES:
    total, successes = nv + nb, xv + xb
    k = np.arange(max(0, nv - (total - successes)), min(nv, successes) + 1)
    log_moment = logsumexp(hypergeom.logpmf(k, total, successes, nv) + k * np.log(psi))
    out.append({"psi": psi, "xv": xv, "nv": nv, "xb": xb, "nb": nb, "llr": float(xv * np.log(psi) - log_moment)})
print(json.dumps(out, indent=1))
