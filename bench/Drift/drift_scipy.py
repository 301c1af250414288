#!/usr/bin/python3
"""The scipy side of the drift side-by-side run (bench/Drift/DriftVsScipy.cs starts it).

Reads the same float64 samples the .NET side wrote and times scipy's ks_2samp and
wasserstein_distance and numpy PSI (bins from the reference) on them, best of three; prints JSON.
"""
import json
import sys
import time

import numpy as np
from scipy import stats


def psi(reference, current):
    # PSI with bins from the reference: Sturges edges of the reference alone, outer bins open
    # (the same definition as Core/Drift/Statistics/BinnedFrequencies.NumericFromReference)
    edges = np.histogram_bin_edges(reference, bins="sturges")
    bins = len(edges) - 1
    ref = np.bincount(np.searchsorted(edges[1:-1], reference, side="right"), minlength=bins) / len(reference)
    cur = np.bincount(np.searchsorted(edges[1:-1], current, side="right"), minlength=bins) / len(current)
    for arr in (ref, cur):
        smallest = min(arr[arr != 0])
        np.place(arr, arr == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return float(np.sum((ref - cur) * np.log(ref / cur)))


def best_of(runs, action):
    best, value = None, None
    for _ in range(runs):
        start = time.perf_counter()
        value = action()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, value


folder = sys.argv[1]
reference = np.fromfile(folder + "/reference.f64", dtype="<f8")
current = np.fromfile(folder + "/current.f64", dtype="<f8")


def three():
    ks = stats.ks_2samp(reference, current, method="auto")
    wd = stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)
    return float(ks.statistic), float(ks.pvalue), float(wd), psi(reference, current)


seconds, (d, p, wd, p_si) = best_of(3, three)
features = int(sys.argv[2]) if len(sys.argv) > 2 else 0
feature_seconds = None
if features:
    sample = np.sort(reference[:5000])
    norm = max(np.std(sample), 0.001)
    start = time.perf_counter()
    for _ in range(features):
        stats.wasserstein_distance(sample, current) / norm
    feature_seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "ksStatistic": d, "ksPValue": p, "wassersteinNormed": wd, "psi": p_si,
                  "featuresSeconds": feature_seconds, "scipy": __import__("scipy").__version__}))
