#!/usr/bin/python3
"""Expected drift statistics from scipy/numpy, stored as test data so the tests need no scipy.

Run with Debian's python3-scipy:  /usr/bin/python3 make_expected.py > expected.json
Samples come from a 64-bit LCG whose values are exact in both languages (integer sums divided
once), so the C# tests rebuild the same inputs from the parameters stored here.
Evidently's definitions (legacy/calculations/stattests) are written out with numpy/scipy calls.
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

MASK = (1 << 64) - 1


def sample(seed, count, shift=0.0, scale=1.0, integers=0):
    state = seed & MASK
    values = []
    for _ in range(count):
        draws = []
        for _ in range(3):
            state = (state * 6364136223846793005 + 1442695040888963407) & MASK
            draws.append((state >> 33) % 100000)
        if integers:
            values.append(float(draws[0] % integers))
        else:
            values.append((draws[0] + draws[1] + draws[2]) / 3000.0 * scale + shift)
    return values


def categories(seed, count, k, skew=0):
    return ["c%d" % min(int(v) + (1 if i % 3 == 0 and skew else 0), k - 1) for i, v in enumerate(sample(seed, count, integers=k))]


def binned(reference, current, numerical, fill):
    # evidently.legacy.calculations.stattests.utils.get_binned_data
    reference = np.asarray(reference)
    current = np.asarray(current)
    if numerical and len(set(reference.tolist())) > 20:
        bins = np.histogram_bin_edges(np.concatenate([reference, current]), bins="sturges")
        ref = np.histogram(reference, bins)[0] / len(reference)
        cur = np.histogram(current, bins)[0] / len(current)
    else:
        keys = list(set(reference.tolist()) | set(current.tolist()))
        ref = np.array([np.sum(reference == k) / len(reference) for k in keys])
        cur = np.array([np.sum(current == k) / len(current) for k in keys])
    if fill:
        fill_zeroes(ref, cur)
    return ref, cur


def fill_zeroes(*shares):
    # evidently's PSI fix for empty bins
    for arr in shares:
        smallest = min(arr[arr != 0])
        np.place(arr, arr == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)


def psi_shares(reference, current):
    # PSI with bins from the reference: Sturges edges of the reference alone, outer bins open so
    # current values beyond the reference's range count in the edge bins (numpy's [a, b) bins).
    edges = np.histogram_bin_edges(reference, bins="sturges")
    bins = len(edges) - 1
    ref = np.bincount(np.searchsorted(edges[1:-1], reference, side="right"), minlength=bins) / len(reference)
    cur = np.bincount(np.searchsorted(edges[1:-1], current, side="right"), minlength=bins) / len(current)
    return ref, cur


def psi(reference, current, numerical=True):
    reference = np.asarray(reference)
    if numerical and len(set(reference.tolist())) > 20:
        ref, cur = psi_shares(reference, np.asarray(current))
        fill_zeroes(ref, cur)
    else:
        ref, cur = binned(reference, current, numerical, True)
    return float(np.sum((ref - cur) * np.log(ref / cur)))


def jensenshannon(reference, current, numerical=True):
    ref, cur = binned(reference, current, numerical, False)
    return float(distance.jensenshannon(ref, cur))


def wasserstein_normed(reference, current):
    return float(stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001))


def chisquare(reference, current):
    keys = list(set(reference) | set(current))
    k_norm = len(current) / len(reference)
    f_exp = [reference.count(k) * k_norm for k in keys]
    f_obs = [current.count(k) for k in keys]
    return float(stats.chisquare(f_obs, f_exp)[1])


def ztest(reference, current):
    if len(set(reference)) == 1 and len(set(current)) == 1 and reference[0] == current[0]:
        return 1.0
    first = sorted(set(reference) | set(current))[0]
    ref = [0 if x == first else 1 for x in reference]
    cur = [0 if x == first else 1 for x in current]
    n1, n2 = len(ref), len(cur)
    p1, p2 = sum(ref) / n1, sum(cur) / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return float(2 * (1 - stats.norm.cdf(np.abs(z))))


def numeric_case(name, ref, cur):
    a, b = sample(**ref), sample(**cur)
    ks = stats.ks_2samp(a, b, method="auto")
    return {
        "name": name, "reference": ref, "current": cur,
        "ksStatistic": float(ks.statistic), "ksPValue": float(ks.pvalue),
        "wassersteinNormed": wasserstein_normed(a, b), "psi": psi(a, b), "jensenShannon": jensenshannon(a, b),
    }


def categorical_case(name, ref, cur):
    a, b = categories(**ref), categories(**cur)
    return {
        "name": name, "reference": ref, "current": cur,
        "chiSquarePValue": chisquare(a, b), "zTestPValue": ztest(a, b) if len(set(a) | set(b)) <= 2 else None,
        "psi": psi(a, b, numerical=False), "jensenShannon": jensenshannon(a, b, numerical=False),
    }


numeric = [
    numeric_case("exact, equal sizes", dict(seed=1, count=60), dict(seed=2, count=60, shift=0.3)),
    numeric_case("exact, unequal sizes", dict(seed=3, count=80), dict(seed=4, count=137, shift=0.1)),
    numeric_case("exact, ties", dict(seed=5, count=200, integers=20), dict(seed=6, count=150, integers=23)),
    numeric_case("exact, thousands", dict(seed=7, count=3000), dict(seed=8, count=2000, shift=0.02)),
    numeric_case("exact, no drift", dict(seed=9, count=900), dict(seed=10, count=1100)),
    numeric_case("asymptotic, n at most 140", dict(seed=11, count=10001), dict(seed=12, count=120, shift=0.15)),
    numeric_case("asymptotic, mid n", dict(seed=13, count=10001), dict(seed=14, count=900, shift=0.05)),
    numeric_case("asymptotic, moderate shift", dict(seed=15, count=12000), dict(seed=16, count=12000, shift=0.03)),
    numeric_case("asymptotic, no drift", dict(seed=17, count=12000), dict(seed=18, count=11000)),
    numeric_case("asymptotic, large shift", dict(seed=19, count=12000), dict(seed=20, count=12000, shift=3.0)),
    numeric_case("scaled spread", dict(seed=21, count=5000), dict(seed=22, count=4000, scale=1.3)),
]

categorical = [
    categorical_case("five categories, skewed", dict(seed=31, count=500, k=5), dict(seed=32, count=400, k=5, skew=1)),
    categorical_case("five categories, same", dict(seed=33, count=800, k=5), dict(seed=34, count=700, k=5)),
    categorical_case("binary, shifted", dict(seed=35, count=600, k=2), dict(seed=36, count=500, k=2, skew=1)),
    categorical_case("binary, same", dict(seed=37, count=600, k=2), dict(seed=38, count=650, k=2)),
]

kolmogorov = []
for n in [5, 30, 100, 140, 141, 500, 5000, 100001]:
    for x in [0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.9]:
        kolmogorov.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})

json.dump({
    "generatedWith": "scipy %s, numpy %s" % (scipy.__version__, np.__version__),
    "numeric": numeric, "categorical": categorical, "kolmogorov": kolmogorov,
}, sys.stdout, indent=1)
